namespace RecSharp.Data.Configuration;

/// <summary>The hyper-parameter names each model type accepts, with their value types.</summary>
public static class ModelParameterCatalog
{
    private static readonly Dictionary<string, ModelParameterKind> Common = new(StringComparer.Ordinal)
    {
        ["l2RegLinear"] = ModelParameterKind.Number,
        ["l2RegEmbedding"] = ModelParameterKind.Number,
        ["l2RegDnn"] = ModelParameterKind.Number,
        ["initStd"] = ModelParameterKind.Number,
        ["seed"] = ModelParameterKind.Integer,
        ["dnnDropout"] = ModelParameterKind.Number,
        ["dnnActivation"] = ModelParameterKind.Text,
        ["dnnUseBn"] = ModelParameterKind.Boolean,
        ["device"] = ModelParameterKind.Text,
    };

    private static readonly Dictionary<ModelType, IReadOnlyDictionary<string, ModelParameterKind>> ByModel = new()
    {
        [ModelType.Ple] = With(
            ("sharedExpertNum", ModelParameterKind.Integer),
            ("specificExpertNum", ModelParameterKind.Integer),
            ("numLevels", ModelParameterKind.Integer),
            ("expertDnnHiddenUnits", ModelParameterKind.IntegerList),
            ("gateDnnHiddenUnits", ModelParameterKind.IntegerList),
            ("towerDnnHiddenUnits", ModelParameterKind.IntegerList)),
        [ModelType.Cgc] = With(
            ("sharedExpertNum", ModelParameterKind.Integer),
            ("specificExpertNum", ModelParameterKind.Integer),
            ("expertDnnHiddenUnits", ModelParameterKind.IntegerList),
            ("gateDnnHiddenUnits", ModelParameterKind.IntegerList),
            ("towerDnnHiddenUnits", ModelParameterKind.IntegerList)),
        [ModelType.Mmoe] = With(
            ("numExperts", ModelParameterKind.Integer),
            ("expertDnnHiddenUnits", ModelParameterKind.IntegerList),
            ("gateDnnHiddenUnits", ModelParameterKind.IntegerList),
            ("towerDnnHiddenUnits", ModelParameterKind.IntegerList)),
        [ModelType.SharedBottom] = With(
            ("bottomDnnHiddenUnits", ModelParameterKind.IntegerList),
            ("towerDnnHiddenUnits", ModelParameterKind.IntegerList)),
        [ModelType.Esmm] = With(
            ("towerDnnHiddenUnits", ModelParameterKind.IntegerList)),
    };

    // The smallest values the models accept (RecSharp.Models' own validation): PLE and CGC work without shared
    // experts, while MMOE mixes at least two experts, as in the reference.
    private static readonly Dictionary<string, int> Minimums = new(StringComparer.Ordinal)
    {
        ["sharedExpertNum"] = 0,
        ["specificExpertNum"] = 1,
        ["numLevels"] = 1,
        ["numExperts"] = 2,
    };

    /// <summary>The accepted parameter names and value types of a model type.</summary>
    /// <param name="type">The model type.</param>
    public static IReadOnlyDictionary<string, ModelParameterKind> For(ModelType type) => ByModel[type];

    /// <summary>The smallest value an integer parameter accepts, or null when any whole number is accepted.</summary>
    /// <param name="name">The parameter name.</param>
    public static int? MinimumOf(string name) => Minimums.TryGetValue(name, out var minimum) ? minimum : null;

    private static IReadOnlyDictionary<string, ModelParameterKind> With(params (string Name, ModelParameterKind Kind)[] specific)
    {
        var all = new Dictionary<string, ModelParameterKind>(Common, StringComparer.Ordinal);
        foreach (var (name, kind) in specific)
        {
            all[name] = kind;
        }

        return all;
    }
}
