#!/usr/bin/env python3
"""Renames the fields a build reports as IDE1006 (naming rule violation), for tools/format.sh.

`dotnet format` cannot apply IDE1006 ("NamingStyleCodeFixProvider doesn't support Fix All in Solution"), and the rules
at stake name private fields and constants only, whose every use is in the declaring file. So this renames within the
file: every identifier token with the old name, outside strings, chars and comments (interpolation holes count as
code). It leaves a name alone, and says so, wherever a plain rename could be wrong: another declaration of the same
name in the file (a local, a parameter, a lambda), the new name already in use, or a `name:` argument. The build
that follows checks the result; what is left is listed for a hand rename in an IDE.

Input (stdin): build output. Output: what was renamed and what was left.
"""
import re
import sys
from collections import defaultdict

DIAGNOSTIC = re.compile(r"^\s*(?P<path>/[^(]+\.cs)\((?P<line>\d+),(?P<col>\d+)\): (?:warning|error) IDE1006: (?P<message>[^\[]*)")
# Words that may stand before a use of the name without declaring it (`return gate;`, `await check;`).
KEYWORDS = {"return", "await", "yield", "throw", "in", "is", "as", "case", "else", "new", "not", "and", "or", "when", "out", "ref"}
IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def code_spans(src):
    """(start, end) ranges of src that are code: not inside comments, strings or chars (interpolation holes are code)."""
    spans = []
    pos = scan(src, 0, spans, in_hole=False)
    assert pos >= len(src) or src[pos] == "}"
    return spans


def scan(src, i, spans, in_hole):
    n = len(src)
    start = i
    depth = 0
    while i < n:
        c = src[i]
        two = src[i:i + 2]
        if two == "//":
            spans.append((start, i))
            i = src.find("\n", i)
            i = n if i < 0 else i
            start = i
        elif two == "/*":
            spans.append((start, i))
            end = src.find("*/", i + 2)
            i = n if end < 0 else end + 2
            start = i
        elif c in "$@\"" and re.match(r'(\$+@?|@\$+|@)?"', src[i:]):
            prefix = re.match(r'(\$*@?\$*)"', src[i:]).group(1)
            spans.append((start, i))
            i = string_end(src, i + len(prefix), prefix, spans)
            start = i
        elif c == "'":
            spans.append((start, i))
            m = re.match(r"'(\\.[^']*|[^\\'])'", src[i:])
            i += len(m.group(0)) if m else 1
            start = i
        elif in_hole and c == "{":
            depth += 1
            i += 1
        elif in_hole and c == "}":
            if depth == 0:
                spans.append((start, i))
                return i
            depth -= 1
            i += 1
        else:
            i += 1
    spans.append((start, n))
    return n


def string_end(src, i, prefix, spans):
    """i at the opening quote; returns the index after the string, adding its interpolation holes to spans."""
    n = len(src)
    interpolated = "$" in prefix
    verbatim = "@" in prefix
    if src.startswith('"""', i):
        quotes = len(re.match(r'"+', src[i:]).group(0))
        end = src.find('"' * quotes, i + quotes)
        return n if end < 0 else end + quotes
    i += 1
    while i < n:
        c = src[i]
        if c == "\\" and not verbatim:
            i += 2
        elif c == '"':
            if verbatim and src.startswith('""', i):
                i += 2
            else:
                return i + 1
        elif interpolated and c == "{":
            if src.startswith("{{", i):
                i += 2
            else:
                i = scan(src, i + 1, spans, in_hole=True) + 1
        elif interpolated and src.startswith("}}", i):
            i += 2
        elif c == "\n" and not verbatim:
            return i
        else:
            i += 1
    return n


def target(name, message):
    if "Missing prefix: '_'" in message:
        return "_" + name[0].lower() + name[1:]
    bare = name.lstrip("_")
    return bare[0].upper() + bare[1:] if bare else name


def main():
    wanted = defaultdict(dict)  # path -> {old: new}
    for raw in sys.stdin:
        m = DIAGNOSTIC.match(raw)
        if not m:
            continue
        path, line, col = m["path"], int(m["line"]), int(m["col"])
        with open(path, encoding="utf-8") as f:
            text = f.read().split("\n")[line - 1]
        ident = IDENT.match(text, col - 1)
        if ident and (col == 1 or not re.match(r"\w", text[col - 2])):
            name = ident.group(0)
            if target(name, m["message"]) != name and not ("Missing prefix" in m["message"] and name.startswith("_")):
                wanted[path][name] = target(name, m["message"])

    left = []
    renamed = 0
    for path, names in sorted(wanted.items()):
        with open(path, encoding="utf-8") as f:
            src = f.read()
        spans = code_spans(src)
        code = " ".join(src[s:e] for s, e in spans)
        for old, new in names.items():
            word = r"(?<![\w@])" + re.escape(old) + r"(?!\w)"
            declarations = [before for before in re.findall(r"(\w+|[>\]?)])\s+" + re.escape(old) + r"\s*(?:=(?![=>])|;|,|\)|\bin\b)", code)
                            if before not in KEYWORDS]
            lambdas = re.search(word + r"\s*=>|\([^()]*" + word + r"[^()]*\)\s*=>", code)
            named = re.search(r"[(,]\s*" + word + r"\s*:(?!:)", code)
            clash = re.search(r"(?<![\w@])" + re.escape(new) + r"(?!\w)", code)
            if len(declarations) != 1 or lambdas or named or clash:
                why = "declared again in the file" if len(declarations) != 1 else "a lambda parameter" if lambdas else "a `name:`" if named else f"{new} is taken"
                left.append(f"{path}: {old} -> {new} ({why})")
                continue
            pieces, last = [], 0
            for s, e in spans:
                pieces.append(src[last:s])
                pieces.append(re.sub(word, new, src[s:e]))
                last = e
            pieces.append(src[last:])
            src = "".join(pieces)
            spans = code_spans(src)
            code = " ".join(src[s:e] for s, e in spans)
            renamed += 1
        with open(path, "w", encoding="utf-8") as f:
            f.write(src)

    print(f"fix-names: renamed {renamed} field(s) in {len(wanted)} file(s)")
    for item in left:
        print(f"fix-names: left for a hand rename: {item}")


if __name__ == "__main__":
    main()
