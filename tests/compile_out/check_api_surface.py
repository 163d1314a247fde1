#!/usr/bin/python3
"""Fails when a public class, member or free function of the facade (vigil/vigil.hpp) or of
the set-up API's twinned headers is not used by api_surface_test.cpp, so the compiled-out
twins are checked against the whole API.

usage: check_api_surface.py INCLUDE_DIR api_surface_test.cpp

Reads the signal-on branch of each facade header (the real classes; the twins must match
them): the public members of each class, the names declared by the component logger's
method macro, and the free functions outside namespace detail.
"""
import pathlib
import re
import sys

# The facade, then the set-up API's headers that have compiled-out twins.
HEADERS = ["trace/span.hpp", "trace/runtime_link.hpp", "common/context.hpp",
           "metrics/counter.hpp", "metrics/gauge.hpp", "metrics/histogram.hpp",
           "metrics/runtime_link.hpp", "log/component.hpp", "log/runtime_link.hpp",
           "common/request_context.hpp", "common/resource.hpp", "log/logger.hpp",
           "profile/gperftools.hpp", "trace/propagation.hpp", "trace/tracer.hpp"]
MEMBER = re.compile(r"^  (?:template <.*> )?(?:[\w:<>*&]+ )*?(?:operator\S*|~?(\w+))\(")
METHOD_MACRO = re.compile(r"^  VIGIL_DETAIL_COMPONENT_METHOD\((\w+),")
FREE = re.compile(r"^(?:inline )?(?!return\b)[A-Za-z][\w:<>,*&]* (?:[\w:<>*&]+ )*?(\w+)\(")
SKIP = {"if", "for", "while", "return", "switch", "explicit", "static_cast"}


def on_branch(text):
    """The text of the header with every `#else` ... `#endif` of a VIGIL_DETAIL_*_ON test cut."""
    out, depth_stack = [], []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#if"):
            depth_stack.append("ON" in stripped and "VIGIL_DETAIL_" in stripped)
        elif stripped.startswith("#else") and depth_stack and depth_stack[-1]:
            depth_stack[-1] = "cut"
        elif stripped.startswith("#endif") and depth_stack:
            depth_stack.pop()
        elif "cut" not in depth_stack:
            out.append(line)
    return out


def public_names(lines):
    names, in_class, public, in_detail = set(), None, False, 0
    for line in lines:
        if re.match(r"^namespace detail \{", line):
            in_detail += 1
        elif in_detail and line.startswith("}  // namespace detail"):
            in_detail -= 1
        if in_detail:
            continue
        if m := re.match(r"^(class|struct) (\w+)[^;]*\{", line):
            in_class, public = m.group(2), m.group(1) == "struct"
            if m.group(1) == "class":
                names.add(in_class)
            continue
        if in_class and line.startswith("};"):
            in_class = None
            continue
        if in_class:
            if line.startswith(" public:"):
                public = True
            elif line.startswith((" private:", " protected:")):
                public = False
            elif public:
                m = METHOD_MACRO.match(line) or MEMBER.match(line)
                if m and m.group(1) and m.group(1) not in SKIP and m.group(1) != in_class:
                    names.add(f"{in_class}::{m.group(1)}")
        elif (m := FREE.match(line)) and m.group(1)[0].islower():  # not gperftools' C API
            names.add(m.group(1))
    return names


def main():
    include, test = pathlib.Path(sys.argv[1]) / "vigil", pathlib.Path(sys.argv[2])
    called = test.read_text()
    names = set()
    for header in HEADERS:
        names |= public_names(on_branch((include / header).read_text()))
    missing = sorted(n for n in names if not re.search(rf"\b{n.split('::')[-1]}\b", called))
    if missing:
        print("FAIL api_surface_test.cpp calls none of: " + ", ".join(missing))
        return 1
    print(f"ok: api_surface_test.cpp uses all {len(names)} public names of the twinned API")
    return 0


if __name__ == "__main__":
    sys.exit(main())
