// The Packaging module; see README.md (Architecture).
