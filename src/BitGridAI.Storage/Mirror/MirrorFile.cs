using System.Security.Cryptography;
using System.Text;

namespace BitGridAI.Storage.Mirror;

/// <summary>
/// One mirrored file: a 25-byte header — magic <c>BGMF</c>, format version (1), key id (8 bytes), nonce
/// (12 bytes) — then the AES-256-GCM ciphertext and its 16-byte tag. The associated data is the header followed
/// by the file's name relative to the target (with <c>/</c>), so a changed header, a file swapped with another or
/// a renamed file all fail the tag.
/// </summary>
public static class MirrorFile
{
    public const string Extension = ".bgm";
    public const byte Version = 1;
    public const int NonceSize = 12;
    public const int TagSize = 16;
    public const int HeaderSize = 4 + 1 + MirrorKey.IdSize + NonceSize;

    private static ReadOnlySpan<byte> Magic => "BGMF"u8;

    public static byte[] Seal(MirrorKey key, string name, ReadOnlySpan<byte> plaintext)
    {
        var sealedFile = new byte[HeaderSize + plaintext.Length + TagSize];
        var header = sealedFile.AsSpan(0, HeaderSize);
        Magic.CopyTo(header);
        header[4] = Version;
        key.Id.CopyTo(header[5..]);
        RandomNumberGenerator.Fill(header[(5 + MirrorKey.IdSize)..]);
        using var aes = new AesGcm(key.Bytes, TagSize);
        aes.Encrypt(header[(5 + MirrorKey.IdSize)..], plaintext, sealedFile.AsSpan(HeaderSize, plaintext.Length),
            sealedFile.AsSpan(HeaderSize + plaintext.Length), AssociatedData(header, name));
        return sealedFile;
    }

    /// <summary>The plaintext of a sealed file, or a <see cref="MirrorFileException"/> saying why not.</summary>
    public static byte[] Open(MirrorKey key, string name, ReadOnlySpan<byte> content)
    {
        if (content.Length < HeaderSize + TagSize)
        {
            throw new MirrorFileException($"too short to be a mirror file ({content.Length} bytes; header and tag alone are {HeaderSize + TagSize}): truncated?");
        }
        var header = content[..HeaderSize];
        if (!header[..4].SequenceEqual(Magic))
        {
            throw new MirrorFileException("not a mirror file (its first bytes are not BGMF)");
        }
        if (header[4] != Version)
        {
            throw new MirrorFileException($"mirror format version {header[4]}, this build reads version {Version}");
        }
        var keyId = header.Slice(5, MirrorKey.IdSize);
        if (!keyId.SequenceEqual(key.Id))
        {
            throw new MirrorFileException($"sealed with another key (key id {Convert.ToHexStringLower(keyId)}, this data directory's key is {key.IdHex})");
        }
        var ciphertext = content[HeaderSize..^TagSize];
        var plaintext = new byte[ciphertext.Length];
        try
        {
            using var aes = new AesGcm(key.Bytes, TagSize);
            aes.Decrypt(header[(5 + MirrorKey.IdSize)..], ciphertext, content[^TagSize..], plaintext, AssociatedData(header, name));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new MirrorFileException("authentication failed: the file was changed or truncated, or renamed from another file (its name is bound into the tag)");
        }
        return plaintext;
    }

    private static byte[] AssociatedData(ReadOnlySpan<byte> header, string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var data = new byte[header.Length + nameBytes.Length];
        header.CopyTo(data);
        nameBytes.CopyTo(data.AsSpan(header.Length));
        return data;
    }
}
