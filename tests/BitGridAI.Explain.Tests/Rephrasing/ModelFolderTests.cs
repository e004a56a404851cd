using System.Text.Json.Nodes;
using BitGridAI.Explain.Rephrasing;

namespace BitGridAI.Explain.Tests.Rephrasing;

public sealed class ModelFolderTests(TinyModelFolder tiny) : IClassFixture<TinyModelFolder>
{
    [Fact]
    public void TheTinyFolderIsComplete() => Assert.Empty(ModelFolder.Check(tiny.Original));

    [Fact]
    public void AFolderThatDoesNotExistSaysSo()
    {
        var problem = Assert.Single(ModelFolder.Check(Path.Combine(tiny.Original, "nowhere")));
        Assert.Contains("does not exist", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("genai_config.json")]
    [InlineData("tokenizer.json")]
    [InlineData("tokenizer_config.json")]
    public void EachMissingFileIsNamed(string file)
    {
        var folder = tiny.Copy();
        File.Delete(Path.Combine(folder, file));

        var problem = Assert.Single(ModelFolder.Check(folder));
        Assert.Contains($"{file} is missing", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingDecoderFileIsNamed()
    {
        var folder = tiny.Copy();
        File.Delete(Path.Combine(folder, "model.onnx"));

        var problem = Assert.Single(ModelFolder.Check(folder));
        Assert.Contains("'model.onnx'", problem, StringComparison.Ordinal);
        Assert.Contains("missing", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("context_length", "model.context_length")]
    [InlineData("decoder", "model.decoder.filename")]
    public void AMissingConfigKeyIsNamed(string removed, string named)
    {
        var folder = tiny.Copy();
        EditConfig(folder, config => config["model"]!.AsObject().Remove(removed));

        var problem = Assert.Single(ModelFolder.Check(folder));
        Assert.Contains(named, problem, StringComparison.Ordinal);
        Assert.Contains("genai_config.json", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ADecoderOutsideTheFolderIsRefused()
    {
        var folder = tiny.Copy();
        EditConfig(folder, config => config["model"]!["decoder"]!["filename"] = "../original/model.onnx");

        var problem = Assert.Single(ModelFolder.Check(folder));
        Assert.Contains("outside the model folder", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("genai_config.json")]
    [InlineData("tokenizer.json")]
    [InlineData("tokenizer_config.json")]
    public void UnreadableJsonIsNamed(string file)
    {
        var folder = tiny.Copy();
        File.WriteAllText(Path.Combine(folder, file), "{ \"model\": ");

        var problem = Assert.Single(ModelFolder.Check(folder));
        Assert.StartsWith($"{file} is not readable JSON", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryProblemIsListedAtOnce()
    {
        var folder = tiny.Copy();
        File.Delete(Path.Combine(folder, "model.onnx"));
        File.Delete(Path.Combine(folder, "tokenizer.json"));
        File.Delete(Path.Combine(folder, "tokenizer_config.json"));

        Assert.Equal(3, ModelFolder.Check(folder).Count);
    }

    private static void EditConfig(string folder, Action<JsonNode> edit)
    {
        var path = Path.Combine(folder, "genai_config.json");
        var config = JsonNode.Parse(File.ReadAllText(path))!;
        edit(config);
        File.WriteAllText(path, config.ToJsonString());
    }
}
