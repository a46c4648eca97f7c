#include "regex.h"

#include <memory>

namespace quire::sqlite_ext {
namespace {

// Decodes one UTF-8 code point at `i` (an invalid byte stands for itself) and advances `i`.
char32_t decode(std::string_view s, std::size_t& i) {
    const auto b = static_cast<unsigned char>(s[i]);
    int extra = b >= 0xF0 && b < 0xF8 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : 0;
    if (b >= 0x80 && b < 0xC0) extra = 0;
    if (i + static_cast<std::size_t>(extra) >= s.size() + (extra ? 0 : 1)) extra = 0;
    char32_t c = extra == 3 ? b & 0x07 : extra == 2 ? b & 0x0F : extra == 1 ? b & 0x1F : b;
    for (int k = 1; k <= extra; ++k) {
        const auto n = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
        if ((n & 0xC0) != 0x80) {
            ++i;
            return b;
        }
        c = (c << 6) | (n & 0x3F);
    }
    i += 1 + static_cast<std::size_t>(extra);
    return c;
}

struct Node {
    enum Kind { Empty, Char, Any, Class, Bol, Eol, Concat, Alt, Repeat, Group } kind = Empty;
    char32_t c = 0;
    int cls = -1, group = -1; // Group: capture index, -1 = non-capturing
    int min = 0, max = -1;    // Repeat: max -1 = unbounded
    bool lazy = false;
    std::vector<std::unique_ptr<Node>> kids;
};

} // namespace

bool CharClass::contains(char32_t c) const {
    bool in = false;
    for (const auto& [lo, hi] : ranges)
        if (c >= lo && c <= hi) {
            in = true;
            break;
        }
    return in != negated;
}

class Compiler {
public:
    Compiler(std::string_view p, Regex& re) : p_(p), re_(re) {}

    // The tree, or null with error() saying why.
    std::unique_ptr<Node> parse() {
        auto n = alternation(0);
        if (!error_.empty() || i_ != p_.size()) {
            if (error_.empty()) error_ = "unmatched ')' at offset " + std::to_string(i_);
            return nullptr;
        }
        return n;
    }
    const std::string& error() const { return error_; }

    bool emit(const Node& n, int depth) {
        if (depth > kMaxNesting * 4 + 8 || re_.program_.size() > kMaxInstructions) return false;
        auto& prog = re_.program_;
        auto add = [&](Inst i) {
            prog.push_back(i);
            return static_cast<int>(prog.size() - 1);
        };
        switch (n.kind) {
        case Node::Empty: return true;
        case Node::Char: add({Inst::Char, n.c}); return true;
        case Node::Any: add({Inst::Any}); return true;
        case Node::Class: add({Inst::Class, 0, n.cls}); return true;
        case Node::Bol: add({Inst::Bol}); return true;
        case Node::Eol: add({Inst::Eol}); return true;
        case Node::Concat:
            for (const auto& k : n.kids)
                if (!emit(*k, depth + 1)) return false;
            return true;
        case Node::Group:
            if (n.group >= 0) add({Inst::Save, 0, 2 * n.group});
            if (!emit(*n.kids[0], depth + 1)) return false;
            if (n.group >= 0) add({Inst::Save, 0, 2 * n.group + 1});
            return true;
        case Node::Alt: {
            const int split = add({Inst::Split});
            prog[split].x = split + 1;
            if (!emit(*n.kids[0], depth + 1)) return false;
            const int jmp = add({Inst::Jmp});
            prog[split].y = static_cast<int>(prog.size());
            if (!emit(*n.kids[1], depth + 1)) return false;
            prog[jmp].x = static_cast<int>(prog.size());
            return true;
        }
        case Node::Repeat: {
            const Node& body = *n.kids[0];
            for (int k = 0; k < n.min; ++k)
                if (!emit(body, depth + 1) || prog.size() > kMaxInstructions) return false;
            if (n.max < 0) { // x*: L: split body, out; body; jmp L
                const int split = add({Inst::Split});
                if (!emit(body, depth + 1)) return false;
                add({Inst::Jmp, 0, split});
                const int out = static_cast<int>(prog.size());
                prog[split].x = n.lazy ? out : split + 1;
                prog[split].y = n.lazy ? split + 1 : out;
                return true;
            }
            std::vector<int> splits;
            for (int k = n.min; k < n.max; ++k) {
                splits.push_back(add({Inst::Split}));
                if (!emit(body, depth + 1) || prog.size() > kMaxInstructions) return false;
            }
            const int out = static_cast<int>(prog.size());
            for (int s : splits) {
                prog[s].x = n.lazy ? out : s + 1;
                prog[s].y = n.lazy ? s + 1 : out;
            }
            return true;
        }
        }
        return false;
    }

private:
    bool more() const { return i_ < p_.size() && error_.empty(); }
    void fail(const std::string& what) {
        if (error_.empty()) error_ = what + " at offset " + std::to_string(i_);
    }

    std::unique_ptr<Node> alternation(int depth) {
        if (depth > kMaxNesting) {
            fail("groups nested too deeply");
            return std::make_unique<Node>();
        }
        auto left = concatenation(depth);
        while (more() && p_[i_] == '|') {
            ++i_;
            auto alt = std::make_unique<Node>();
            alt->kind = Node::Alt;
            alt->kids.push_back(std::move(left));
            alt->kids.push_back(concatenation(depth));
            left = std::move(alt);
        }
        return left;
    }

    std::unique_ptr<Node> concatenation(int depth) {
        auto cat = std::make_unique<Node>();
        cat->kind = Node::Concat;
        while (more() && p_[i_] != '|' && p_[i_] != ')') {
            auto atom = this->atom(depth);
            if (!error_.empty()) break;
            cat->kids.push_back(quantified(std::move(atom)));
        }
        return cat;
    }

    std::unique_ptr<Node> quantified(std::unique_ptr<Node> atom) {
        while (more()) {
            int min = 0, max = -1;
            const char q = p_[i_];
            if (q == '*') min = 0, max = -1, ++i_;
            else if (q == '+') min = 1, max = -1, ++i_;
            else if (q == '?') min = 0, max = 1, ++i_;
            else if (q == '{' && braces(min, max)) {
            } else break;
            if (atom->kind == Node::Bol || atom->kind == Node::Eol || atom->kind == Node::Empty) {
                fail("nothing to repeat");
                return atom;
            }
            auto rep = std::make_unique<Node>();
            rep->kind = Node::Repeat;
            rep->min = min;
            rep->max = max;
            if (more() && p_[i_] == '?') rep->lazy = true, ++i_;
            rep->kids.push_back(std::move(atom));
            atom = std::move(rep);
        }
        return atom;
    }

    // {n}, {n,}, {n,m}; false (and nothing consumed) when the brace is a literal.
    bool braces(int& min, int& max) {
        std::size_t j = i_ + 1;
        auto number = [&](int& out) {
            const std::size_t start = j;
            long v = 0;
            while (j < p_.size() && p_[j] >= '0' && p_[j] <= '9' && j - start < 6) v = v * 10 + (p_[j++] - '0');
            out = static_cast<int>(v);
            return j > start;
        };
        if (!number(min)) return false;
        max = min;
        if (j < p_.size() && p_[j] == ',') {
            ++j;
            if (!number(max)) max = -1;
        }
        if (j >= p_.size() || p_[j] != '}') return false;
        if (max >= 0 && max < min) {
            fail("bad repetition count");
            return false;
        }
        if (min > 1000 || max > 1000) {
            fail("repetition count over 1000");
            return false;
        }
        i_ = j + 1;
        return true;
    }

    int addClass(CharClass c) {
        re_.classes_.push_back(std::move(c));
        return static_cast<int>(re_.classes_.size() - 1);
    }

    static void perlClass(char e, CharClass& c) {
        switch (e) {
        case 'd': case 'D': c.ranges.push_back({'0', '9'}); break;
        case 'w': case 'W':
            c.ranges.insert(c.ranges.end(), {{'a', 'z'}, {'A', 'Z'}, {'0', '9'}, {'_', '_'}});
            break;
        default: c.ranges.insert(c.ranges.end(), {{' ', ' '}, {'\t', '\r'}}); break; // s, S
        }
    }

    static bool namedClass(std::string_view name, CharClass& c) {
        if (name == "alpha") c.ranges.insert(c.ranges.end(), {{'a', 'z'}, {'A', 'Z'}});
        else if (name == "digit") c.ranges.push_back({'0', '9'});
        else if (name == "alnum") c.ranges.insert(c.ranges.end(), {{'a', 'z'}, {'A', 'Z'}, {'0', '9'}});
        else if (name == "upper") c.ranges.push_back({'A', 'Z'});
        else if (name == "lower") c.ranges.push_back({'a', 'z'});
        else if (name == "space") c.ranges.insert(c.ranges.end(), {{' ', ' '}, {'\t', '\r'}});
        else if (name == "punct") c.ranges.insert(c.ranges.end(), {{'!', '/'}, {':', '@'}, {'[', '`'}, {'{', '~'}});
        else if (name == "xdigit") c.ranges.insert(c.ranges.end(), {{'0', '9'}, {'a', 'f'}, {'A', 'F'}});
        else return false;
        return true;
    }

    static char32_t escapedChar(char e) {
        switch (e) {
        case 't': return '\t';
        case 'n': return '\n';
        case 'r': return '\r';
        case 'f': return '\f';
        case 'v': return '\v';
        default: return static_cast<unsigned char>(e);
        }
    }

    std::unique_ptr<Node> atom(int depth) {
        auto n = std::make_unique<Node>();
        const char ch = p_[i_];
        if (ch == '(') {
            ++i_;
            n->kind = Node::Group;
            if (p_.substr(i_, 2) == "?:") i_ += 2;
            else n->group = ++re_.groups_;
            n->kids.push_back(alternation(depth + 1));
            if (!more() || p_[i_] != ')') fail("missing ')'");
            else ++i_;
            return n;
        }
        if (ch == '[') return bracket();
        if (ch == '.' || ch == '^' || ch == '$') {
            ++i_;
            n->kind = ch == '.' ? Node::Any : ch == '^' ? Node::Bol : Node::Eol;
            return n;
        }
        if (ch == '*' || ch == '+' || ch == '?') {
            fail("nothing to repeat");
            return n;
        }
        if (ch == '\\') {
            if (++i_ >= p_.size()) {
                fail("trailing backslash");
                return n;
            }
            const char e = p_[i_++];
            if (std::string_view("dDwWsS").find(e) != std::string_view::npos) {
                CharClass c;
                perlClass(e, c);
                c.negated = e == 'D' || e == 'W' || e == 'S';
                n->kind = Node::Class;
                n->cls = addClass(std::move(c));
                return n;
            }
            if ((e >= 'a' && e <= 'z') && std::string_view("tnrfv").find(e) == std::string_view::npos) {
                fail(std::string("unsupported escape \\") + e);
                return n;
            }
            n->kind = Node::Char;
            n->c = escapedChar(e);
            return n;
        }
        n->kind = Node::Char;
        n->c = decode(p_, i_);
        return n;
    }

    std::unique_ptr<Node> bracket() {
        auto n = std::make_unique<Node>();
        ++i_; // [
        CharClass c;
        if (i_ < p_.size() && p_[i_] == '^') c.negated = true, ++i_;
        bool first = true;
        while (i_ < p_.size() && (p_[i_] != ']' || first)) {
            first = false;
            if (p_.substr(i_, 2) == "[:") {
                const auto end = p_.find(":]", i_ + 2);
                if (end == std::string_view::npos || !namedClass(p_.substr(i_ + 2, end - i_ - 2), c)) {
                    fail("unknown character class");
                    return n;
                }
                i_ = end + 2;
                continue;
            }
            char32_t lo;
            if (p_[i_] == '\\' && i_ + 1 < p_.size()) {
                const char e = p_[i_ + 1];
                i_ += 2;
                if (std::string_view("dws").find(e) != std::string_view::npos) {
                    perlClass(e, c);
                    continue;
                }
                lo = escapedChar(e);
            } else {
                lo = decode(p_, i_);
            }
            char32_t hi = lo;
            if (i_ + 1 < p_.size() && p_[i_] == '-' && p_[i_ + 1] != ']') {
                ++i_;
                if (p_[i_] == '\\' && i_ + 1 < p_.size()) hi = escapedChar(p_[i_ + 1]), i_ += 2;
                else hi = decode(p_, i_);
                if (hi < lo) {
                    fail("bad character range");
                    return n;
                }
            }
            c.ranges.push_back({lo, hi});
        }
        if (i_ >= p_.size()) {
            fail("missing ']'");
            return n;
        }
        ++i_; // ]
        n->kind = Node::Class;
        n->cls = addClass(std::move(c));
        return n;
    }

    std::string_view p_;
    std::size_t i_ = 0;
    Regex& re_;
    std::string error_;
};

CompiledRegex Regex::compile(std::string_view pattern) {
    if (pattern.size() > kMaxPatternBytes)
        return {std::nullopt, "regular expression longer than " + std::to_string(kMaxPatternBytes) + " bytes"};
    Regex re;
    Compiler compiler(pattern, re);
    auto tree = compiler.parse();
    if (!tree) return {std::nullopt, compiler.error()};
    re.program_.push_back({Inst::Save, 0, 0});
    if (!compiler.emit(*tree, 0) || re.program_.size() > kMaxInstructions)
        return {std::nullopt, "regular expression too large (over " + std::to_string(kMaxInstructions) + " instructions)"};
    re.program_.push_back({Inst::Save, 0, 1});
    re.program_.push_back({Inst::Match});
    return {std::move(re), {}};
}

namespace {

// One Pike VM thread list: a sparse set of program counters, each with its capture slots.
struct ThreadList {
    std::vector<int> dense, sparse;
    std::vector<long> slots; // dense index * nslots
    std::size_t n = 0, nslots = 0;
    ThreadList(std::size_t size, std::size_t slotCount) : dense(size), sparse(size), slots(size * slotCount), nslots(slotCount) {}
    bool has(int pc) const {
        const auto s = static_cast<std::size_t>(sparse[static_cast<std::size_t>(pc)]);
        return s < n && dense[s] == pc;
    }
    long* add(int pc) {
        sparse[static_cast<std::size_t>(pc)] = static_cast<int>(n);
        dense[n] = pc;
        return &slots[n++ * nslots];
    }
};

} // namespace

bool Regex::search(std::string_view text, std::size_t from, std::vector<long>& out) const {
    const std::size_t nslots = 2 * static_cast<std::size_t>(groups_ + 1);
    ThreadList clist(program_.size(), nslots), nlist(program_.size(), nslots);
    std::vector<long> scratch(nslots, -1), stepped(nslots, -1);
    bool matched = false;
    out.assign(nslots, -1);
    // Follows empty transitions from pc with the captures in `caps` (an explicit stack: no recursion).
    struct Frame {
        int pc;
        int slot = -1;
        long saved = 0;
    };
    std::vector<Frame> stack;
    auto addThread = [&](ThreadList& list, int pc0, std::vector<long>& caps, std::size_t pos) {
        stack.clear();
        stack.push_back({pc0});
        while (!stack.empty()) {
            Frame f = stack.back();
            stack.pop_back();
            if (f.slot >= 0) { // restore a capture on the way back
                caps[static_cast<std::size_t>(f.slot)] = f.saved;
                continue;
            }
            const int pc = f.pc;
            if (list.has(pc)) continue;
            const Inst& in = program_[static_cast<std::size_t>(pc)];
            switch (in.op) {
            case Inst::Jmp:
                list.add(pc);
                stack.push_back({in.x});
                break;
            case Inst::Split:
                list.add(pc);
                stack.push_back({in.y});
                stack.push_back({in.x});
                break;
            case Inst::Save: {
                list.add(pc);
                const auto s = static_cast<std::size_t>(in.x);
                stack.push_back({0, in.x, caps[s]});
                caps[s] = static_cast<long>(pos);
                stack.push_back({pc + 1});
                break;
            }
            case Inst::Bol:
                list.add(pc);
                if (pos == 0) stack.push_back({pc + 1});
                break;
            case Inst::Eol:
                list.add(pc);
                if (pos == text.size()) stack.push_back({pc + 1});
                break;
            default: {
                long* t = list.add(pc);
                std::copy(caps.begin(), caps.end(), t);
            }
            }
        }
    };
    std::size_t pos = from;
    while (true) {
        if (!matched) { // a new thread at each position until a match is found (leftmost)
            std::fill(scratch.begin(), scratch.end(), -1);
            addThread(clist, 0, scratch, pos);
        }
        if (clist.n == 0) break;
        std::size_t next = pos;
        char32_t c = 0;
        const bool atEnd = pos >= text.size();
        if (!atEnd) c = decode(text, next);
        nlist.n = 0;
        for (std::size_t k = 0; k < clist.n; ++k) {
            const int pc = clist.dense[k];
            const Inst& in = program_[static_cast<std::size_t>(pc)];
            long* caps = &clist.slots[k * nslots];
            bool step = false;
            switch (in.op) {
            case Inst::Match:
                out.assign(caps, caps + nslots);
                matched = true;
                k = clist.n; // lower-priority threads are cut off
                continue;
            case Inst::Char: step = !atEnd && c == in.c; break;
            case Inst::Any: step = !atEnd; break;
            case Inst::Class: step = !atEnd && classes_[static_cast<std::size_t>(in.x)].contains(c); break;
            default: break;
            }
            if (step) {
                std::copy(caps, caps + nslots, stepped.begin());
                addThread(nlist, pc + 1, stepped, next);
            }
        }
        std::swap(clist, nlist);
        if (atEnd) break;
        pos = next;
    }
    // Threads still alive at the end may reach Match without consuming.
    for (std::size_t k = 0; k < clist.n; ++k)
        if (program_[static_cast<std::size_t>(clist.dense[k])].op == Inst::Match) {
            out.assign(&clist.slots[k * nslots], &clist.slots[k * nslots] + nslots);
            matched = true;
            break;
        }
    return matched;
}

} // namespace quire::sqlite_ext
