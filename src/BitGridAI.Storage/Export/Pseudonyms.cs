using System.Security.Cryptography;
using System.Text;

namespace BitGridAI.Storage.Export;

/// <summary>
/// Device and miner ids of an anonymised export become <c>dev-</c> + 12 hex digits of HMAC-SHA256(salt, id). The
/// salt is random per export and never stored, so a pseudonym joins a miner's signals to its decisions inside one
/// export but cannot be traced back to the id, nor linked across exports. Ids are not dropped outright because a
/// researcher needs to tell which readings belong to which decision's miner.
/// </summary>
public sealed class Pseudonyms
{
    private readonly byte[] _salt;
    private readonly Dictionary<string, string> _known = new(StringComparer.Ordinal);

    public Pseudonyms(byte[] salt)
    {
        _salt = salt;
    }

    public static Pseudonyms Random() => new(RandomNumberGenerator.GetBytes(32));

    public string Of(string id)
    {
        if (!_known.TryGetValue(id, out var pseudonym))
        {
            var mac = HMACSHA256.HashData(_salt, Encoding.UTF8.GetBytes(id));
            pseudonym = "dev-" + Convert.ToHexStringLower(mac.AsSpan(0, 6));
            _known[id] = pseudonym;
        }
        return pseudonym;
    }
}
