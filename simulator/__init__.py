"""callsim's call engine: scenarios, the simulated customer, sessions and the store.

Never imports textual: the engine must run headless (CLI, tests, batch scoring).
"""

from __future__ import annotations

__version__ = "0.1.0"
