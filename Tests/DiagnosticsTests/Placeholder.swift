// Tests for the Diagnostics module.
