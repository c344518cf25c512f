"""Daily and period situation reports (HTML and PDF) and incident exports (CSV, GeoJSON, ...).

``daily.collect`` computes the numbers, ``charts``/``maps`` draw them, ``render`` writes HTML and
PDF, ``exports`` writes incidents in the formats researchers' tools read, and ``commands`` holds
the ``trucewatch report`` and ``trucewatch export`` commands.
"""
