using System.Security.Cryptography;

namespace BitGridAI.Storage.Mirror;

/// <summary>
/// The mirror's AES-256 key: 32 random bytes in <c>{data}/mirror.key</c>, made on first use with mode 0600 and
/// never copied anywhere — losing the data directory means losing the mirror's readability, by design (the target
/// is someone else's disk). Its id (the first 8 bytes of its SHA-256) goes into every file header, so a file
/// sealed with another key is named as such instead of failing as "changed".
/// </summary>
public sealed class MirrorKey
{
    public const string FileName = "mirror.key";
    public const int Size = 32;
    public const int IdSize = 8;

    private MirrorKey(byte[] bytes)
    {
        Bytes = bytes;
        Id = SHA256.HashData(bytes).AsSpan(0, IdSize).ToArray();
    }

    public byte[] Bytes { get; }

    public byte[] Id { get; }

    public string IdHex => Convert.ToHexStringLower(Id);

    public static string PathIn(string dataDir) => Path.Combine(dataDir, FileName);

    /// <summary>For tests and for tools that hold a key in memory.</summary>
    public static MirrorKey Of(byte[] bytes) =>
        bytes.Length == Size ? new MirrorKey(bytes) : throw new ArgumentException($"a mirror key has {Size} bytes, not {bytes.Length}");

    /// <summary>The key of a data directory, created (0600, never overwritten) when there is none yet.</summary>
    public static MirrorKey LoadOrCreate(string dataDir)
    {
        var path = PathIn(dataDir);
        if (!File.Exists(path))
        {
            var bytes = RandomNumberGenerator.GetBytes(Size);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            try
            {
                using var stream = new FileStream(path, options);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
                return new MirrorKey(bytes);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another mirror run created it a moment ago: use that one.
            }
        }
        return Load(dataDir);
    }

    /// <summary>The existing key; none, a wrong length or a file others may read is a <see cref="StorageException"/> that says what to do.</summary>
    public static MirrorKey Load(string dataDir)
    {
        var path = Path.GetFullPath(PathIn(dataDir));
        if (!File.Exists(path))
        {
            throw new StorageException($"no mirror key at {path}: nothing was mirrored from this data directory (the key is made by the first 'bitgrid mirror')");
        }
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            var open = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
            if ((mode & open) != 0)
            {
                throw new StorageException($"the mirror key {path} may be read by other users (mode {Convert.ToString((int)mode, 8)}): run 'chmod 600 {path}'");
            }
        }
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length != Size)
        {
            throw new StorageException($"the mirror key {path} has {bytes.Length} bytes, not {Size}: it is damaged (restore it from a backup; without it the mirror cannot be read)");
        }
        return new MirrorKey(bytes);
    }
}
