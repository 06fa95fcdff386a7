"""Reconciliation: from many claims to one low/best/high estimate, with the reasons kept."""
