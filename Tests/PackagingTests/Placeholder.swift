// Tests for the Packaging module.
