"""The provider's Batch API for headless runs at batch prices.

A batch is a JSONL file of chat completion requests (`custom_id`, `method`, `url`, `body`), uploaded
with purpose "batch", then `batches.create(endpoint="/v1/chat/completions", completion_window="24h")`.
The batch is polled until it ends: `completed`, `expired`, `failed` or `cancelled`. Its output file
holds one line per answered request; its error file one line per request that failed (an expired
batch puts the unanswered ones there). Every unit comes back as an answer or as a failure with the
reason, so nothing is lost: failed units are translated again on the next run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import openai

# Batch requests cost half the price of the same request made synchronously (OpenAI's batch pricing).
BATCH_PRICE_FACTOR = 0.5
ENDPOINT = "/v1/chat/completions"
WINDOW = "24h"
# Batch states, as the provider names them.
ENDED = ("completed", "expired", "failed", "cancelled")


class BatchError(Exception):
    """The batch could not be submitted or read; the message says why."""


@dataclass
class BatchStatus:
    batch_id: str
    status: str
    output_file_id: str | None = None
    error_file_id: str | None = None
    errors: list[str] = field(default_factory=list)  # batch-level errors (a batch that failed validation)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ended(self) -> bool:
        return self.status in ENDED


@dataclass
class BatchItem:
    custom_id: str
    text: str | None  # the answer's content, None when the request failed
    usage: dict[str, Any] | None
    error: str | None


def request_lines(bodies: dict[str, dict[str, Any]]) -> bytes:
    """custom_id -> chat completion body, as the JSONL the Batch API reads."""
    lines = [json.dumps({"custom_id": cid, "method": "POST", "url": ENDPOINT, "body": body}, ensure_ascii=False)
             for cid, body in bodies.items()]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _status(b: Any) -> BatchStatus:
    errors = []
    errs = getattr(b, "errors", None)
    for e in (getattr(errs, "data", None) or []) if errs is not None else []:
        errors.append(f"{getattr(e, 'code', '') or 'error'}: {getattr(e, 'message', '') or ''}".strip())
    counts = getattr(b, "request_counts", None)
    return BatchStatus(
        batch_id=b.id, status=str(b.status), output_file_id=getattr(b, "output_file_id", None),
        error_file_id=getattr(b, "error_file_id", None), errors=errors,
        counts={k: int(getattr(counts, k, 0) or 0) for k in ("total", "completed", "failed")} if counts is not None else {},
    )


def submit(client: openai.OpenAI, bodies: dict[str, dict[str, Any]], metadata: dict[str, str] | None = None) -> tuple[str, str, str]:
    """Upload the requests and create the batch: (batch id, input file id, status)."""
    try:
        uploaded = client.files.create(file=("gotui-batch.jsonl", request_lines(bodies), "application/jsonl"), purpose="batch")
        batch = client.batches.create(input_file_id=uploaded.id, endpoint=ENDPOINT, completion_window=WINDOW,
                                      metadata=metadata or None)
    except openai.APIError as exc:
        raise BatchError(f"could not submit the batch: {exc.__class__.__name__}: {getattr(exc, 'message', exc)}") from None
    return batch.id, uploaded.id, str(batch.status)


def retrieve(client: openai.OpenAI, batch_id: str) -> BatchStatus:
    try:
        return _status(client.batches.retrieve(batch_id))
    except openai.APIError as exc:
        raise BatchError(f"could not read batch {batch_id}: {exc.__class__.__name__}: {getattr(exc, 'message', exc)}") from None


def _file_text(client: openai.OpenAI, file_id: str | None) -> str:
    if not file_id:
        return ""
    try:
        return client.files.content(file_id).text
    except openai.APIError as exc:
        raise BatchError(f"could not download {file_id}: {exc.__class__.__name__}: {getattr(exc, 'message', exc)}") from None


def _item(line: dict[str, Any]) -> BatchItem:
    cid = str(line.get("custom_id", ""))
    err = line.get("error")
    response = line.get("response") or {}
    body = response.get("body") or {}
    if err:
        return BatchItem(cid, None, None, f"{err.get('code') or 'error'}: {err.get('message') or ''}".strip())
    status = int(response.get("status_code") or 0)
    if status != 200:
        inner = body.get("error") if isinstance(body, dict) else None
        message = inner.get("message") if isinstance(inner, dict) else str(body)[:200]
        return BatchItem(cid, None, None, f"HTTP {status}: {message}")
    choices = body.get("choices") or []
    text = ((choices[0].get("message") or {}).get("content") if choices else None) or ""
    return BatchItem(cid, text, body.get("usage"), None)


def results(client: openai.OpenAI, status: BatchStatus, custom_ids: list[str]) -> dict[str, BatchItem]:
    """custom_id -> its answer or its failure, for every id submitted (missing ones fail with the batch's state)."""
    out: dict[str, BatchItem] = {}
    for file_id in (status.output_file_id, status.error_file_id):
        for raw in _file_text(client, file_id).splitlines():
            if not raw.strip():
                continue
            try:
                item = _item(json.loads(raw))
            except (ValueError, AttributeError, TypeError):
                continue
            if item.custom_id and (item.custom_id not in out or out[item.custom_id].text is None):
                out[item.custom_id] = item
    reason = "; ".join(status.errors) or f"no answer: the batch ended {status.status}"
    for cid in custom_ids:
        out.setdefault(cid, BatchItem(cid, None, None, f"batch {status.status}: {reason}" if status.status != "completed" else reason))
    return out
