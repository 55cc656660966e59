// Tests for the Schema module.
