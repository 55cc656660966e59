// The Schema module; see README.md (Architecture).
