"""`make test` fails when an eval metric on the dev set drops below eval/thresholds.json."""

import json

from assistant.evaluate import DEV_SET, THRESHOLDS, failures, load_set, run_eval


def test_dev_set_is_well_formed():
    items = load_set(DEV_SET)
    assert len(items) >= 40
    cats = {i["category"] for i in items}
    assert {"fact", "advice", "source", "comparison", "followup", "out_of_scope"} <= cats
    assert len({i["id"] for i in items}) == len(items)


def test_metrics_meet_thresholds(assistant):
    summary, rows = run_eval(assistant)
    problems = failures(summary, json.loads(THRESHOLDS.read_text()))
    print(json.dumps(summary, indent=2))
    assert not problems, problems
