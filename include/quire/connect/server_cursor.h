#pragma once
// psqlODBC with UseDeclareFetch=1 (what a `postgresql` profile sets) runs every statement that begins, after
// blanks and '(', with SELECT or WITH as `DECLARE ... CURSOR FOR <statement>` and fetches from the cursor. A few
// such statements cannot be a cursor's query (PostgreSQL refuses them with 42601): SELECT ... INTO and WITH ...
// INSERT/UPDATE/DELETE/MERGE (psqlODBC issue #102). Quire runs those with the cursor turned off.
#include <string_view>

namespace quire::connect {

// True when psqlODBC would wrap `sql` in a cursor and the statement may be one a cursor cannot hold: it starts
// (after blanks and '(') with SELECT or WITH and has INTO, INSERT, UPDATE, DELETE or MERGE as a word outside
// string literals, quoted identifiers, dollar quotes and comments. A false positive (e.g. SELECT ... FOR UPDATE)
// only costs the cursor's speed for that statement. One linear pass, no recursion.
bool cursorUnsafeStatement(std::string_view sql);

} // namespace quire::connect
