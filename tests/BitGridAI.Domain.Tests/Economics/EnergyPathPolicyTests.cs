using BitGridAI.Domain.Economics;

namespace BitGridAI.Domain.Tests.Economics;

/// <summary>The policy's config names read back to what they print, and a wrong one is refused with the allowed names.</summary>
public sealed class EnergyPathPolicyTests
{
    [Theory]
    [InlineData("self_consumption_first", EnergyPathPolicy.SelfConsumptionFirst)]
    [InlineData("max_value", EnergyPathPolicy.MaxValue)]
    [InlineData(" MAX_VALUE ", EnergyPathPolicy.MaxValue)]
    public void Reads_the_config_names(string text, EnergyPathPolicy policy) => Assert.Equal(policy, EnergyPathPolicies.Parse(text));

    [Fact]
    public void Prints_what_it_reads() =>
        Assert.All(Enum.GetValues<EnergyPathPolicy>(), p => Assert.Equal(p, EnergyPathPolicies.Parse(EnergyPathPolicies.Name(p))));

    [Theory]
    [InlineData("maxvalue")]
    [InlineData("")]
    [InlineData(null)]
    public void A_wrong_name_is_refused_naming_the_allowed_ones(string? text)
    {
        Assert.False(EnergyPathPolicies.TryParse(text, out _));
        var error = Assert.Throws<FormatException>(() => EnergyPathPolicies.Parse(text));
        Assert.Contains("self_consumption_first or max_value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_policy_mines_the_surplus() => Assert.Equal(EnergyPathPolicy.SelfConsumptionFirst, default);
}
