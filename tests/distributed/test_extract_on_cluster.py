"""extract_on_cluster on a real two-worker LocalCluster: same output as the serial path, bounded
reading, failures recorded per document, a killed worker costs nothing."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable, Iterator

import pytest
from dask_faults import sigkill_a_worker_while_it_extracts
from distributed import Client, LocalCluster
from distributed.comm import get_tcp_server_addresses

from tolls.distributed import extract_on_cluster
from tolls.errors import DistributedError
from tolls.model import Extraction, InputDocument
from tolls.settings import GeoSettings, NlpSettings, Settings

pytestmark = pytest.mark.slow

Lines = Callable[[Iterable[Extraction]], list[str]]


def test_same_lines_in_the_same_order_as_serial(
    cluster: LocalCluster, dsettings: Settings, docs: list[InputDocument], serial: list[str], as_lines: Lines
) -> None:
    out = extract_on_cluster(docs, settings=dsettings, scheduler=cluster.scheduler_address, chunk_size=3)
    got = as_lines(out)
    assert got == serial
    errors = {x["id"]: x["error"]["code"] for x in map(json.loads, got) if "error" in x}
    assert errors == {"empty": "E101", "blank": "E101", "too-long": "E102"}
    assert sum(1 for line in got if '"claims": [{' in line) >= 12


def test_unordered_yields_the_same_set(
    cluster: LocalCluster, dsettings: Settings, docs: list[InputDocument], serial: list[str], as_lines: Lines
) -> None:
    out = extract_on_cluster(
        docs, settings=dsettings, scheduler=cluster.scheduler_address, chunk_size=2, ordered=False
    )
    got = as_lines(out)
    assert len(got) == len(serial)
    assert set(got) == set(serial)


def test_reads_input_lazily_with_bounded_work_in_flight(
    cluster: LocalCluster, dsettings: Settings, docs: list[InputDocument]
) -> None:
    pulled = 0

    def source() -> Iterator[InputDocument]:
        nonlocal pulled
        for d in docs:
            pulled += 1
            yield d

    ahead = []
    for n, _ in enumerate(
        extract_on_cluster(
            source(), settings=dsettings, scheduler=cluster.scheduler_address, chunk_size=2, max_in_flight=2
        ),
        start=1,
    ):
        ahead.append(pulled - n)
    # at most max_in_flight chunks beyond what was handed back, plus the chunk being filled
    assert max(ahead) <= 2 * 2 + 2
    assert pulled == len(docs)


def test_a_chunk_whose_task_raises_is_recorded_not_dropped(
    cluster: LocalCluster, dsettings: Settings, docs: list[InputDocument], serial: list[str], as_lines: Lines
) -> None:
    # text that is not a string makes the task itself raise on the worker (not a per-document check)
    poison = InputDocument(id="poison", text=12345)  # type: ignore[arg-type]
    items = [*docs[:3], poison, *docs[3:]]
    address = cluster.scheduler_address
    out = list(extract_on_cluster(items, settings=dsettings, scheduler=address, chunk_size=3, retries=1))
    assert [x.doc_id for x in out] == [d.id for d in items]
    # the chunk items[3:6] raised twice, then ran one document per task: only the culprit fails
    failed = {x.doc_id: x.error for x in out if x.error and x.error.startswith("E601")}
    assert list(failed) == ["poison"]
    assert "its own task failed on the cluster after 3 attempt(s) (AttributeError" in failed["poison"]
    assert as_lines(x for x in out if x.doc_id != "poison") == serial


def test_a_one_document_chunk_that_raises_is_recorded(cluster: LocalCluster, dsettings: Settings) -> None:
    poison = InputDocument(id="poison", text=12345)  # type: ignore[arg-type]
    address = cluster.scheduler_address
    out = list(extract_on_cluster([poison], settings=dsettings, scheduler=address, retries=0))
    assert len(out) == 1 and out[0].doc_id == "poison"
    assert out[0].error is not None and out[0].error.startswith("E601: [E601]")
    assert "after 1 attempt(s)" in out[0].error


def test_workers_that_cannot_load_the_pipeline_fail_the_run_at_once(cluster: LocalCluster) -> None:
    bad = Settings(nlp=NlpSettings(model="no_such_spacy_model"), geo=GeoSettings(resolve=False))
    address = cluster.scheduler_address
    with pytest.raises(DistributedError, match=r"\[E604\].*no_such_spacy_model"):
        next(extract_on_cluster([InputDocument(id="a", text="x")], settings=bad, scheduler=address))


def test_option_errors(dsettings: Settings) -> None:
    with pytest.raises(DistributedError, match=r"\[E605\]"):
        list(extract_on_cluster([], settings=dsettings))
    with pytest.raises(DistributedError, match=r"\[E605\]"):
        list(extract_on_cluster([], settings=dsettings, workers=2, scheduler="tcp://127.0.0.1:1"))
    with pytest.raises(DistributedError, match=r"\[E605\]"):
        list(extract_on_cluster([], settings=dsettings, workers=0))
    with pytest.raises(DistributedError, match=r"\[E605\]"):
        list(extract_on_cluster([], settings=dsettings, workers=1, chunk_size=0))


def test_unreachable_scheduler(dsettings: Settings) -> None:
    with pytest.raises(DistributedError, match=r"\[E602\].*127\.0\.0\.1:9"):
        list(extract_on_cluster([], settings=dsettings, scheduler="tcp://127.0.0.1:9", timeout=2))


def test_killing_a_worker_mid_run_still_yields_every_document_once(
    cluster: LocalCluster,
    client: Client,
    dsettings: Settings,
    docs: list[InputDocument],
    serial: list[str],
    as_lines: Lines,
) -> None:
    before = client.run(os.getpid)
    assert len(before) == 2
    results = extract_on_cluster(docs, settings=dsettings, scheduler=cluster.scheduler_address, chunk_size=2)
    got, killed = [], None
    for x in results:  # a worker killed while it extracts a chunk (if idle, after the next result)
        got.append(x)
        if killed is None:
            killed = sigkill_a_worker_while_it_extracts(client)
    assert killed in before.values(), "no worker was ever caught extracting a chunk"
    lines = as_lines(got)
    assert lines == serial  # every document exactly once, in order, nothing turned into an error
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # the nanny restarts the killed process
        after = client.run(os.getpid)
        if len(after) == 2:
            break
        time.sleep(0.5)
    assert killed not in set(after.values())


def test_local_workers_keep_glibc_malloc_defaults(client: Client) -> None:
    # Dask's default MALLOC_TRIM_THRESHOLD_ slows the pipeline by about a fifth (bench/scale.py)
    assert set(client.run(os.environ.get, "MALLOC_TRIM_THRESHOLD_").values()) == {None}


def test_the_local_cluster_listens_on_loopback_only_and_on_no_fixed_port(cluster: LocalCluster) -> None:
    # Dask's scheduler starts its HTTP server (health, metrics) even without a dashboard, on
    # 8787 unless told otherwise: a second cluster on the machine (another run, a test's own
    # cluster, a concurrent pytest) must not collide with this one
    scheduler = cluster.scheduler
    assert scheduler is not None
    http = get_tcp_server_addresses(scheduler.http_server)
    assert http and {host for host, *_ in http} == {"127.0.0.1"}
    assert {port for _, port, *_ in http}.isdisjoint({8786, 8787})
    assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
    assert not cluster.scheduler_address.endswith((":8786", ":8787"))
