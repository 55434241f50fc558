/// The version of this qcode build.
public enum QCodeVersion {
    /// The semantic version string, as `qcode --version` prints it.
    public static let current = "0.1.0"
}
