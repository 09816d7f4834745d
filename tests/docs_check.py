#!/usr/bin/python3
"""The man page and the bash completion cannot drift from the code.

Reads the command table of cli/main.c, each command's getopt_long option
table in cli/cmd_*.c (with the BS_*_LONGOPTS macros of cli/cli.h), the
short options of its bs_cli_spec that its usage text shows, and the chart kinds of
reports/charts.c, then checks that
  - docs/man/bibscope.1 has one .SS section per command, no other, and
    names each of the command's options in it; its .TH carries the
    version of meson.build;
  - completions/bibscope lists exactly the commands, exactly each
    command's options and exactly the chart kinds.
usage: docs_check.py SOURCE_DIR
"""
import os
import re
import sys


def read(root, path):
    with open(os.path.join(root, path), encoding="utf-8") as f:
        return f.read()


def source_model(root):
    main = read(root, "cli/main.c")
    table = re.search(r"commands\[\] = \{(.*?)\n\};", main, re.S).group(1)
    commands = re.findall(r'\{"([a-z-]+)", (cmd_\w+),', table)
    cli_h = read(root, "cli/cli.h")
    macros = {}
    for name, body in re.findall(r"#define (BS_\w+_LONGOPTS) \\\n((?:.*\\\n)*.*\n)", cli_h):
        macros[name] = re.findall(r'\{"([a-z-]+)",', body)
    files = {}
    for fn in os.listdir(os.path.join(root, "cli")):
        if fn.startswith("cmd_") and fn.endswith(".c"):
            text = read(root, "cli/" + fn)
            for func in re.findall(r"^int (cmd_\w+)\(", text, re.M):
                files[func] = text
    model = {}
    for name, func in commands:
        text = files[func]
        opts_block = re.search(r"struct option opts\[\] = \{(.*?)\n\t?\};", text, re.S).group(1)
        longs = set(re.findall(r'\{"([a-z-]+)",', opts_block))
        for m in re.findall(r"BS_\w+_LONGOPTS", opts_block):
            longs.update(macros[m])
        shorts = set()
        spec = re.search(r'\.shortopts = "([^"]*)"', text).group(1)
        strings = " ".join(re.findall(r'"((?:[^"\\]|\\.)*)"', text))
        for letter in re.sub(r"[:]", "", spec):
            # a short option the usage text shows ("-n, --dry-run", "[-o FILE]")
            if re.search(r"(?:^|[\s\[|])-" + letter + r"(?=[\s,\]|])", strings):
                shorts.add(letter)
        model[name] = ({"--" + o for o in longs}, {"-" + s for s in shorts})
    charts = read(root, "reports/charts.c")
    block = re.search(r"bs_charts\[\] = \{(.*?)\n\};", charts, re.S).group(1)
    kinds = re.findall(r'\{"([a-z-]+)",', block)
    version = re.search(r"version : '([^']+)'", read(root, "meson.build")).group(1)
    return [c for c, _ in commands], model, kinds, version


def troff_text(s):
    s = re.sub(r"\\f[BIRP]", "", s)
    return s.replace("\\-", "-").replace("\\(mu", "x")


def check(root):
    problems = []
    commands, model, kinds, version = source_model(root)
    man = read(root, "docs/man/bibscope.1")
    th = re.search(r"^\.TH .*$", man, re.M).group(0)
    if '"bibscope %s"' % version not in th:
        problems.append("man page: .TH does not say bibscope %s: %s" % (version, th))
    body = man.split("\n.SH COMMANDS\n", 1)
    if len(body) != 2:
        return problems + ["man page: no COMMANDS section"]
    body = body[1].split("\n.SH ", 1)[0]
    sections = {}
    for part in re.split(r"^\.SS ", body, flags=re.M)[1:]:
        title, _, text = part.partition("\n")
        sections[title.strip()] = troff_text(text)
    if list(sections) != commands:
        problems.append("man page: command sections %s, the command table %s" % (list(sections), commands))
    comp = read(root, "completions/bibscope")
    comp_commands = re.search(r'local commands="([^"]*)"', comp).group(1).split()
    if comp_commands != commands:
        problems.append("completion: commands %s, the command table %s" % (comp_commands, commands))
    comp_kinds = re.search(r'local kinds="([^"]*)"', comp).group(1).split()
    if comp_kinds != kinds:
        problems.append("completion: chart kinds %s, reports/charts.c %s" % (comp_kinds, kinds))
    comp_opts = {c: set(o.split()) for c, o in re.findall(r'^\t([a-z-]+)\) opts="([^"]*)"', comp, re.M)}
    # --help, which every command takes, is said once, in DESCRIPTION
    desc = troff_text(man.split("\n.SH DESCRIPTION\n", 1)[-1].split("\n.SH ", 1)[0])
    if "--help" not in desc:
        problems.append("man page: DESCRIPTION does not say that every command takes --help")
    for name in commands:
        longs, shorts = model[name]
        text = sections.get(name, "")
        for opt in sorted((longs | shorts) - {"--help"}):
            if not re.search(r"(?<![\w-])" + re.escape(opt) + r"(?![\w-])", text):
                problems.append("man page: section %s does not name %s" % (name, opt))
        got = comp_opts.get(name)
        if got is None:
            problems.append("completion: no option list for %s" % name)
        elif got != longs | shorts:
            missing = sorted((longs | shorts) - got)
            extra = sorted(got - (longs | shorts))
            problems.append("completion: %s: missing %s, not options of the command %s" % (name, missing, extra))
    return problems


def main():
    problems = check(sys.argv[1])
    for p in problems:
        print("FAIL " + p)
    if not problems:
        print("ok   man page and completion name every command and option")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
