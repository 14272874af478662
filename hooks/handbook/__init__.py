"""面试问答速查's build: the handbook package.

    model.py      the manifest of answers and the per-answer record
    profile.py    the profile (load, merge, validate, the panel's fields)
    settings.py   the handbook's settings in mkdocs.yml
    answers.py    the answer blocks (Markdown extension) → elements and records
    speaking.py   speaking time of an answer
    checks.py     the site check over the records
    severance.py  the severance calculator (the rules live in severance.js)
    share.py      answer addresses and page QR codes
    transfer.py   the owner's values to their phone: import payload, link,
                  file and terminal QR code (format: data/transfer.yml, read
                  by panel.py; checked by the panel's transfer.js)
    sheet.py      the 全部答案 page
    output/       what is written after the pages: web manifest and sw.js
                  (pwa.py), CSP and _headers (csp.py), robots and the leak scan
                  (privacy.py), the stylesheet bundle, verified theme copies
    build.py      one build: every stage in order, for the hook and macros
    data/         answers.yml (the manifest), profile_fields.yml, transfer.yml
"""
