// Tests for the OpenCowork module.
