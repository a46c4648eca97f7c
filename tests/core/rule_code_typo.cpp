// Compiled by the ctests `rule-code-typo-does-not-compile` (with QUIRE_TYPO: must fail, naming the catalogue) and
// `rule-code-declared-compiles` (without: must compile), so the failure is the typo's and nothing else's.
#include <quire/core/rules.h>

#ifdef QUIRE_TYPO
quire::Diagnostic typo() { return quire::makeDiagnostic("preview/unknown-elemnet", "a misspelt code"); }
#else
quire::Diagnostic declared() { return quire::makeDiagnostic("preview/unknown-element", "a declared code"); }
#endif
