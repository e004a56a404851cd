using BitGridAI.Storage.Mirror;
using CsCheck;

namespace BitGridAI.Storage.Tests.Mirror;

/// <summary>Whatever lies in a target — noise, a damaged file, or nonsense sealed with the right key — verify ends in a named file and a reason.</summary>
public sealed class MirrorVerifyPropertyTests : IDisposable
{
    private const string Name = "segment-00000001.jsonl.bgm";
    private readonly SampleSite _site = new(blocks: 2);
    private readonly byte[] _valid;
    private readonly MirrorKey _key;

    public MirrorVerifyPropertyTests()
    {
        _site.Push();
        _key = MirrorKey.Load(_site.DataDir);
        _valid = File.ReadAllBytes(_site.InTarget(Name));
    }

    public void Dispose() => _site.Dispose();

    /// <summary>One file in one target: the samples run one at a time (CsCheck would run them on several threads).</summary>
    private void AssertFailsClearly(byte[] content)
    {
        File.WriteAllBytes(_site.InTarget(Name), content);
        var report = _site.Verify();
        Assert.False(report.Intact);
        Assert.Equal(Name, report.Problem!.File);
        Assert.False(string.IsNullOrWhiteSpace(report.Problem.Reason));
    }

    [Fact]
    public void RandomBytesNeverCrashVerify()
    {
        Gen.Byte.Array[0, 400].Sample(AssertFailsClearly, iter: 300, threads: 1);
    }

    [Fact]
    public void MutatedMirrorFilesNeverCrashVerify()
    {
        var mutation = Gen.OneOf(
            Gen.Int[0, _valid.Length - 1].Select(Gen.Byte[1, 255]).Select((at, mask) =>
            {
                var copy = _valid.ToArray();
                copy[at] ^= mask;
                return copy;
            }),
            Gen.Int[0, _valid.Length - 1].Select(length => _valid[..length]),
            Gen.Byte.Array[1, 40].Select(tail => _valid.Concat(tail).ToArray()));
        mutation.Sample(AssertFailsClearly, iter: 300, threads: 1);
    }

    [Fact]
    public void NonsenseSealedWithTheRightKeyNeverCrashesVerify()
    {
        var plaintext = MirrorFile.Open(_key, Name, _valid);
        var nonsense = Gen.OneOf(
            Gen.Byte.Array[0, 300],
            Gen.Int[0, plaintext.Length - 1].Select(Gen.Byte[1, 255]).Select((at, mask) =>
            {
                var copy = plaintext.ToArray();
                copy[at] ^= mask;
                return copy;
            }),
            Gen.Int[0, plaintext.Length - 1].Select(length => plaintext[..length]));
        nonsense.Sample(content => AssertFailsClearly(MirrorFile.Seal(_key, Name, content)), iter: 400, threads: 1);
    }
}
