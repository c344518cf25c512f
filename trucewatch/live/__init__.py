"""Live monitoring (issue 17): feeds and drop folders in, the pipeline on what is new, alerts out.

``watch`` runs cycles (``cycle.run_cycle``); feeds are polled by ``feeds``, alerts found by
``changes`` and sent by ``deliver``. Persistence lives in ``trucewatch.store.live`` and
``trucewatch.store.alerts``.
"""
