"""Scripted trainee runs: one passing and one failing run per shipped scenario."""
