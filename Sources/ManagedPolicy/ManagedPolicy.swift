// The ManagedPolicy module; see README.md (Architecture).
