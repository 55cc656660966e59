// The OpenCowork module; see README.md (Architecture).
