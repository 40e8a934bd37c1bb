//! Workspace-level end-to-end and adversarial tests live in `tests/tests/`.
