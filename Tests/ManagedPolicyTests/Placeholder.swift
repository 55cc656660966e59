// Tests for the ManagedPolicy module.
