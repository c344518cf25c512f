"""The domain model: plain typed classes in the monitors' vocabulary (SPEC §2). No I/O here.

Import from the submodules: ``trucewatch.model.report``, ``.incident``, ``.agreement``, ``.centre``.
"""
