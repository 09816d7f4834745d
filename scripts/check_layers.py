#!/usr/bin/env python3
"""check_layers.py [--warn-sql] SRCROOT [STAMP] - fail when a source file includes a layer
above its own, or a library the layer may not touch.

Layers, lowest first (docs/dev/architecture.md):
  base <- text <- readers <- store <- analysis <- reports <- cli
A file may include headers of its own layer and of the layers below it, by
folder-qualified path ("base/strbuf.h", "analysis/graph/graph.h").  Only the
store includes <sqlite3.h>; only cli/ may print to stdout or exit.  The
build runs this on every compile, so a wrong-way include fails the build.
"""
import os
import re
import sys

LAYERS = ['base', 'text', 'readers', 'store', 'analysis', 'reports', 'cli']
DIRS = {'src/base': 'base', 'src/text': 'text', 'src/readers': 'readers',
        'src/store': 'store', 'analysis': 'analysis', 'reports': 'reports',
        'cli': 'cli'}
# where a folder-qualified include resolves, by its first component
INCLUDE_ROOT = {'base': 'base', 'text': 'text', 'readers': 'readers',
                'store': 'store', 'analysis': 'analysis',
                'reports': 'reports', 'cli': 'cli'}
ONLY_IN = {'sqlite3.h': {'store'}, 'libpq-fe.h': {'store'}}
# library code returns an error and fills a bs_error; only cli/ talks and exits
CLI_ONLY = re.compile(r'\b(exit|_exit|printf|puts|putchar)\s*\(|\b(stdout)\b')
# the exceptions, each with its reason
ALLOWED = {
    ('src/base/outfile.c', 'stdout'): '"-o -": the output layer owns the result stream',
    ('reports/gnuplot.c', '_exit('): 'the forked child leaves when exec fails',
}
SQL = re.compile(r'\bsqlite3_\w+|\bbs_store_db\b')

INC = re.compile(r'^\s*#\s*include\s*([<"])([^">]+)[">]', re.M)


def layer_of(rel):
    for d, layer in sorted(DIRS.items(), key=lambda kv: -len(kv[0])):
        if rel == d or rel.startswith(d + '/'):
            return layer
    return None


def strip_comments(text):
    text = re.sub(r'/\*.*?\*/', lambda m: '\n' * m.group(0).count('\n'), text, flags=re.S)
    text = re.sub(r'//[^\n]*', '', text)
    return re.sub(r'"(\\.|[^"\\\n])*"', '""', text)


def self_test():
    """Plant each kind of violation in a scratch tree and expect it found."""
    import tempfile
    cases = {
        'src/store/a.c': ('#include "analysis/graph/graph.h"\n', 'from the analysis layer'),
        'src/base/b.c': ('#include "text/names.h"\n', 'from the text layer'),
        'analysis/c.c': ('#include "reports/charts.h"\n', 'from the reports layer'),
        'reports/d.c': ('#include "cli/cli.h"\n', 'from the cli layer'),
        'src/text/e.c': ('#include "strbuf.h"\n', 'not folder-qualified'),
        'src/readers/f.c': ('#include "../store/store.h"\n', 'not folder-qualified'),
        'reports/g.c': ('#include <sqlite3.h>\n', 'store layer only'),
        'cli/h.c': ('static void *x(void) { return sqlite3_open; }\n', 'outside the store'),
        'analysis/i.c': ('void f(void) { printf("x"); }\n', 'only cli/ prints'),
    }
    ok = True
    with tempfile.TemporaryDirectory() as root:
        for rel, (text, _) in cases.items():
            os.makedirs(os.path.join(root, os.path.dirname(rel)), exist_ok=True)
            with open(os.path.join(root, rel), 'w') as f:
                f.write(text)
        with open(os.path.join(root, 'cli/ok.c'), 'w') as f:
            f.write('#include "reports/charts.h"\n#include "base/strbuf.h"\n')
        errors, _ = scan(root, False)
        for rel, (_, want) in cases.items():
            if not any(e.startswith(rel + ':') and want in e for e in errors):
                print(f'self-test: {rel}: expected "{want}"', file=sys.stderr)
                ok = False
        if any(e.startswith('cli/ok.c') for e in errors):
            print('self-test: cli/ok.c flagged', file=sys.stderr)
            ok = False
    print('check_layers self-test:', 'ok' if ok else 'FAILED')
    return 0 if ok else 1


def main():
    args = sys.argv[1:]
    if args == ['--self-test']:
        return self_test()
    warn_sql = '--warn-sql' in args
    args = [a for a in args if a != '--warn-sql']
    root = args[0]
    errors, warnings = scan(root, warn_sql)
    if warnings:
        print(f'check_layers: warning: {len(warnings)} use(s) of SQL outside src/store',
              file=sys.stderr)
    for e in errors:
        print(e, file=sys.stderr)
    if errors:
        print(f'check_layers: {len(errors)} violation(s); see docs/dev/architecture.md',
              file=sys.stderr)
        return 1
    if len(args) > 1:
        with open(args[1], 'w') as f:
            f.write('ok\n')
    return 0


def scan(root, warn_sql):
    errors, warnings = [], []
    for d in DIRS:
        for dirpath, _, names in os.walk(os.path.join(root, d)):
            for n in sorted(names):
                if not n.endswith(('.c', '.h')):
                    continue
                path = os.path.join(dirpath, n)
                rel = os.path.relpath(path, root)
                layer = layer_of(rel)
                rank = LAYERS.index(layer)
                text = open(path, encoding='utf-8', errors='replace').read()
                for m in INC.finditer(text):
                    line = text.count('\n', 0, m.start()) + 1
                    kind, name = m.group(1), m.group(2)
                    if kind == '<':
                        allowed = ONLY_IN.get(name)
                        if allowed and layer not in allowed:
                            (warnings if warn_sql else errors).append(f'{rel}:{line}: <{name}> belongs to the '
                                          f'{"/".join(sorted(allowed))} layer only')
                        continue
                    if name == 'bs_config.h':
                        continue
                    head = name.split('/')[0]
                    if head not in INCLUDE_ROOT or '..' in name.split('/'):
                        errors.append(f'{rel}:{line}: include "{name}" is not '
                                      f'folder-qualified (e.g. "base/strbuf.h")')
                        continue
                    target = INCLUDE_ROOT[head]
                    if LAYERS.index(target) > rank:
                        errors.append(f'{rel}:{line}: the {layer} layer includes '
                                      f'"{name}" from the {target} layer above it')
                code = strip_comments(text)
                if layer != 'store':
                    for m in SQL.finditer(code):
                        line = code.count('\n', 0, m.start()) + 1
                        (warnings if warn_sql else errors).append(
                            f'{rel}:{line}: "{m.group(0)}" outside the store layer: '
                            f'ask the store (src/store/) instead')
                if layer != 'cli':
                    for m in CLI_ONLY.finditer(code):
                        if (rel, m.group(0).replace(' ', '')) in ALLOWED:
                            continue
                        line = code.count('\n', 0, m.start()) + 1
                        errors.append(f'{rel}:{line}: "{m.group(0).strip()}" in the '
                                      f'{layer} layer: only cli/ prints or exits')
    return errors, warnings


if __name__ == '__main__':
    sys.exit(main())
