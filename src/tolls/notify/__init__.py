"""Telling people when the ledger changes: signed webhooks (:mod:`tolls.notify.webhooks`)."""

from tolls.notify.webhooks import DeliveryReport, deliver_due, sign, verify_signature

__all__ = ["DeliveryReport", "deliver_due", "sign", "verify_signature"]
