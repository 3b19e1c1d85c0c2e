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

    /// <summary>The accepted parameter names and value types of a model type.</summary>
    /// <param name="type">The model type.</param>
    public static IReadOnlyDictionary<string, ModelParameterKind> For(ModelType type) => ByModel[type];

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
