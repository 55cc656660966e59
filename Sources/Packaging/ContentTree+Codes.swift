import Documents

extension ContentTree {
    /// The codes one walk reports its refusals under. Distribution content and org
    /// plugins run the same checks; each has its own documented codes so a report says
    /// which of the two a refused file belongs to.
    public struct Codes: Sendable {
        public var tooDeep, unreadable, caseCollision, badName, symlinkEscape, fileTooLarge, tooLarge, tooManyFiles, specialFile: FindingCode

        /// Skills, MCPs, branding and `{file:}` targets of a distribution.
        public static let content = Codes(tooDeep: .contentTooDeep, unreadable: .contentUnreadable, caseCollision: .contentCaseCollision, badName: .contentBadName, symlinkEscape: .contentSymlinkEscape, fileTooLarge: .contentFileTooLarge, tooLarge: .contentTooLarge, tooManyFiles: .contentTooManyFiles, specialFile: .contentSpecialFile)
        /// The files of an organization plugin.
        public static let plugin = Codes(tooDeep: .pluginTooDeep, unreadable: .pluginUnreadable, caseCollision: .pluginCaseCollision, badName: .pluginBadName, symlinkEscape: .pluginSymlinkEscape, fileTooLarge: .pluginFileTooLarge, tooLarge: .pluginTooLarge, tooManyFiles: .pluginTooManyFiles, specialFile: .pluginSpecialFile)
    }
}
