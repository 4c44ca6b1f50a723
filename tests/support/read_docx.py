#!/usr/bin/env python3
"""Independent reader for the tests: opens a .docx with python-docx and prints JSON.

    read_docx.py FILE.docx

Output: {"body": [block...], "headers": [[block...]...], "footers": [...],
         "comments": [{"author": str, "text": str}], "core": {"title": str, "language": str}}
where a block is {"p": text, "style": name, "strike": [struck run texts]} or
{"table": [[cell text, ...], ...]}. Line breaks read back as "\n", tabs as "\t".
"""
import json
import sys

import docx
from docx.oxml.ns import qn


def para(p):
    struck = [r.text for r in p.runs if r.font.strike]
    return {"p": p.text, "style": p.style.name if p.style is not None else None, "strike": struck}


def blocks(container):
    out = []
    for child in container.iter_inner_content():
        if isinstance(child, docx.table.Table):
            rows = []
            for row in child.rows:
                rows.append([cell.text for cell in row.cells])
            out.append({"table": rows})
        else:
            out.append(para(child))
    return out


def main(path):
    d = docx.Document(path)
    res = {"body": blocks(d), "headers": [], "footers": [], "comments": []}
    for s in d.sections:
        res["headers"].append(blocks(s.header))
        res["footers"].append(blocks(s.footer))
    try:
        for c in d.comments:
            res["comments"].append({"author": c.author, "text": c.text})
    except Exception:  # python-docx without comment support, or no comments part
        pass
    cp = d.core_properties
    res["core"] = {"title": cp.title, "language": cp.language, "author": cp.author}
    json.dump(res, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
