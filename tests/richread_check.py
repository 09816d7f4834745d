#!/usr/bin/env python3
"""Independent counts over raw files for the readers' rich fields (no
bibscope code): what the RIS, BibTeX and DBLP XML readers should yield.

  richread_check.py ris FILE...      RIS KW values: distinct per record
                                     (case aside), summed over records
  richread_check.py bibkw FILE...    BibTeX keywords fields: entries with
                                     one, and their distinct keywords
                                     (split at ';' when the value has
                                     one, else at ',')
  richread_check.py arxiv FILE...    BibTeX entries whose archivePrefix
                                     (else eprinttype) is arXiv and that
                                     have an eprint
  richread_check.py orcid FILE...    DBLP XML <author orcid="..."> (and
                                     <editor orcid>) attributes
"""
import re
import sys


def ris_keywords(paths):
    total = 0
    for path in paths:
        text = open(path, 'rb').read().decode('utf-8', 'replace').lstrip('\ufeff')
        kws, inrec = None, False
        for line in re.split(r'\r\n|\r|\n', text):
            m = re.match(r'^([A-Z][A-Z0-9])  -(.*)$', line)
            if not m:
                continue   # continuation lines: no KW in the corpus wraps
            tag, value = m.group(1), m.group(2).strip()
            if tag == 'TY':
                kws, inrec = set(), True
            elif tag == 'ER' and inrec:
                total += len(kws)
                inrec = False
            elif tag == 'KW' and inrec and value:
                kws.add(' '.join(value.split()).lower())
    return total


def bib_value(text, i):
    """the value starting at text[i] ({...} or "..."), raw"""
    if text[i] == '{':
        depth, j = 0, i
        while j < len(text):
            depth += {'{': 1, '}': -1}.get(text[j], 0)
            if depth == 0:
                return text[i + 1:j]
            j += 1
    elif text[i] == '"':
        j = text.index('"', i + 1)
        return text[i + 1:j]
    return ''


def bib_keywords(paths):
    entries = total = 0
    for path in paths:
        text = open(path, encoding='utf-8', errors='replace').read()
        for m in re.finditer(r'@(\w+)\s*[{(]', text):
            if m.group(1).lower() in ('string', 'comment', 'preamble'):
                continue
            nxt = text.find('\n@', m.end())
            body = text[m.end():nxt if nxt >= 0 else len(text)]
            k = re.search(r'(?im)^\s*keywords\s*=\s*', body)
            if not k:
                continue
            value = bib_value(body, k.end())
            value = re.sub(r'[{}]', '', value)
            sep = ';' if ';' in value else ','
            kws = {' '.join(v.split()).lower() for v in value.split(sep)} - {''}
            entries += 1
            total += len(kws)
    return entries, total


def bib_field(body, name):
    k = re.search(r'(?im)^\s*' + name + r'\s*=\s*', body)
    return bib_value(body, k.end()).strip('{} \t\n') if k else ''


def bib_arxiv(paths):
    n = 0
    for path in paths:
        text = open(path, encoding='utf-8', errors='replace').read()
        for m in re.finditer(r'@(\w+)\s*[{(]', text):
            if m.group(1).lower() in ('string', 'comment', 'preamble'):
                continue
            nxt = text.find('\n@', m.end())
            body = text[m.end():nxt if nxt >= 0 else len(text)]
            kind = bib_field(body, 'archiveprefix') or bib_field(body, 'eprinttype')
            if kind.lower() == 'arxiv' and bib_field(body, 'eprint'):
                n += 1
    return n


def orcids(paths):
    n = 0
    for path in paths:
        n += len(re.findall(r'<(?:author|editor)\b[^>]*\borcid="[^"]+"', open(path, encoding='utf-8').read()))
    return n


def main():
    what, paths = sys.argv[1], sys.argv[2:]
    if what == 'ris':
        print(ris_keywords(paths))
    elif what == 'bibkw':
        print(*bib_keywords(paths))
    elif what == 'arxiv':
        print(bib_arxiv(paths))
    elif what == 'orcid':
        print(orcids(paths))


main()
