using System.Text;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Signals;
using BitGridAI.Explain.Text;

namespace BitGridAI.Explain.Templates;

/// <summary>Writes the parts of one explanation from one language's tables and the decision's facts.</summary>
internal sealed class ExplanationWriter(LanguageTexts texts, Persona persona, Decision decision, EnergyState state, DecisionFacts facts)
{
    private readonly DecisionCodeInfo _info = decision.Info;
    private readonly Language _language = texts.Language;
    private readonly Phrases _phrases = texts.Phrases;

    private string RuleName => texts.RuleNames.GetValueOrDefault(_info.Rule) ?? _info.Rule.ToString();

    /// <summary>"Safety rule: the chips are too hot (91 °C, limit 85 °C); the miner stops." Tech leads with code and rule id.</summary>
    public string Short()
    {
        var reason = Fill(CodeText(TextPart.Reason));
        if (_language == Language.German)
        {
            // After a colon German capitalises a full sentence.
            reason = Capitalized(reason);
        }
        var outcome = texts.Outcomes[Outcomes.Of(decision.Action, decision.Actuator)];
        var lead = persona == Persona.Tech ? $"{_info.Name} ({_info.Rule}, {RuleName})" : Capitalized(RuleName);
        return $"{lead}: {reason}; {outcome}.";
    }

    public string Trigger() => Fill(CodeText(TextPart.Trigger));

    /// <summary>What else a reader must know: an overruled override, a held-back proposal, a suggested stop, a lockout.</summary>
    public IEnumerable<string> Circumstances()
    {
        if (decision.OverruledOverride != ActuatorState.Unknown)
        {
            yield return string.Format(null, _phrases.OverruledOverride, Wanted(decision.OverruledOverride, null), RuleName);
        }
        if (decision.HeldBackProposal != DecisionCode.Unknown)
        {
            var proposal = DecisionCodes.Info(decision.HeldBackProposal);
            var proposer = texts.RuleNames.GetValueOrDefault(proposal.Rule) ?? proposal.Rule.ToString();
            yield return string.Format(null, _phrases.HeldBack, proposer, Wanted(ActuatorOf(proposal.Action), proposal.Name));
        }
        if (decision.Code == DecisionCode.NOOP_R1_SURPLUS_LOST)
        {
            yield return _phrases.SemiSuggestion;
        }
        if (facts.LockoutEarliestEnd is { } end)
        {
            yield return string.Format(null, _phrases.Lockout, NumberText.Time(end, facts.Now));
        }
    }

    /// <summary>The values the deciding step compared, in the registry's order, then any reading rejected as implausible.</summary>
    public string DataBasis()
    {
        var text = new StringBuilder();
        var items = facts.Params.Select(Item).ToList();
        text.Append(items.Count == 0 ? _phrases.NoData : _phrases.DataHeader + string.Join(_phrases.ListSeparator, items) + ".");
        if (persona == Persona.Heat && state[Signal.MinerPowerW] is { } draw)
        {
            text.Append(' ').Append(string.Format(null, _phrases.HeatDraw, NumberText.Quantity(draw, Unit.Watt, _language)));
        }
        if (!decision.Rejected.IsEmpty)
        {
            text.Append(' ').Append(_phrases.RejectedHeader).Append(SignalList(decision.Rejected)).Append('.');
        }
        return text.ToString();
    }

    public string Effect()
    {
        var state = Outcomes.StateAfter(Outcomes.Of(decision.Action, decision.Actuator));
        if (persona == Persona.Tech)
        {
            var before = DecisionText.Of(decision.Actuator) ?? "UNKNOWN";
            if (decision.Action == DecisionAction.Noop)
            {
                return string.Format(null, _phrases.TechEffectKept, before);
            }
            var mode = DecisionText.Of(_info.Mode) is { } m ? string.Format(null, _phrases.TechMode, m) : "";
            return string.Format(null, _phrases.TechEffectChange, before, DecisionText.Of(_info.Action), mode);
        }
        return texts.Effects[(state, persona)];
    }

    public IReadOnlyList<string> Options() => CodeOptions.For(_info.Code).Select(Option).ToList();

    private string Option(OptionSpec option)
    {
        if (option.Kind != OptionKind.ChangeThreshold || option.Key is not { } key)
        {
            return texts.Options[option.Kind];
        }
        var name = persona == Persona.Tech ? key : Capitalized(texts.Labels.GetValueOrDefault(key) ?? key);
        var text = string.Format(null, _phrases.ChangeThreshold, name);
        if (_language == Language.English && persona != Persona.Tech)
        {
            // "Change the stop threshold": the label keeps its article, the sentence starts with the verb.
            text = string.Format(null, _phrases.ChangeThreshold, texts.Labels.GetValueOrDefault(key) ?? key);
        }
        if (facts.TryGetParam(key, out var fact) && fact.Value is { } value)
        {
            text += string.Format(null, _phrases.ThresholdNow, NumberText.Quantity(value, fact.Unit, _language));
        }
        return text + ".";
    }

    private string Item(Fact fact)
    {
        var value = fact.Value is { } v ? NumberText.Quantity(v, fact.Unit, _language) : _phrases.Missing;
        return persona == Persona.Tech ? $"{fact.Name} = {value}" : $"{texts.BareLabel(fact.Name)} {value}";
    }

    private string CodeText(TextPart part) =>
        texts.Template(_info.Code, part, persona) ?? throw new InvalidOperationException($"no {part} text for {_info.Name} in {_language}");

    /// <summary>Fills "{param}" with the param's value and unit, "{missing}" with the inputs that were missing.</summary>
    private string Fill(string template)
    {
        var text = new StringBuilder(template.Length + 32);
        var at = 0;
        while (at < template.Length)
        {
            var open = template.IndexOf('{', at);
            if (open < 0)
            {
                text.Append(template, at, template.Length - at);
                break;
            }
            var close = template.IndexOf('}', open);
            text.Append(template, at, open - at);
            var name = template[(open + 1)..close];
            text.Append(name == "missing" ? SignalList(decision.Missing) : ValueOf(name));
            at = close + 1;
        }
        return text.ToString();
    }

    private string ValueOf(string name) =>
        facts.TryGetParam(name, out var fact) && fact.Value is { } value ? NumberText.Quantity(value, fact.Unit, _language) : _phrases.Missing;

    private string SignalList(SignalSet signals) =>
        string.Join(", ", signals.Members().Select(s => persona == Persona.Tech ? SignalInfo.Name(s) : texts.BareLabel(SignalInfo.Name(s))));

    private string Wanted(ActuatorState action, string? code)
    {
        var wanted = action switch
        {
            ActuatorState.Start => _phrases.WantsFull,
            ActuatorState.Throttle => _phrases.WantsThrottled,
            _ => _phrases.WantsStop,
        };
        return persona == Persona.Tech && code is not null ? $"{wanted} ({code})" : wanted;
    }

    private static ActuatorState ActuatorOf(DecisionAction action) => action switch
    {
        DecisionAction.Start => ActuatorState.Start,
        DecisionAction.Throttle => ActuatorState.Throttle,
        DecisionAction.Stop => ActuatorState.Stop,
        _ => ActuatorState.Unknown,
    };

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
