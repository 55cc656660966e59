import ArgumentParser

extension CoworkDist {
    /// Every subcommand, in the order `--help` lists them.
    static let commands: [ParsableCommand.Type] = [
        InitCommand.self,
        ConvertCommand.self,
        RenderCommand.self,
        ExplainCommand.self,
        CheckCommand.self,
        BuildCommand.self,
        ValidateCommand.self,
        PolicyCommand.self,
        AuditModelsCommand.self,
        DiffCommand.self,
        SchemaCommand.self,
        PackageDirectoryCommand.self,
    ]
}
