/// The release this build is: `zhuti --version` and the server's `/health` report it.
public enum ZhutiVersion {
    public static let string = "0.4.0"
}
