using RecSharp.Catalog;
using RecSharp.Features;
using RecSharp.Layers;

namespace RecSharp.Models;

/// <summary>
/// The models, one line each: the options record (whose type name is <see cref="ModelNames.Models"/>'s) and how to
/// build the model it configures. Adding a model is an options record, a model class and a line here.
/// </summary>
public static class ModelRegistry
{
    private static readonly Entry[] Entries =
    [
        Entry.Of<PleOptions>((columns, options) => new Ple(columns, options), Ple.Shapes),
        Entry.Of<MmoeOptions>((columns, options) => new Mmoe(columns, options), Mmoe.Shapes),
        Entry.Of<SharedBottomOptions>((columns, options) => new SharedBottom(columns, options), SharedBottom.Shapes),
        Entry.Of<EsmmOptions>((columns, options) => new Esmm(columns, options), Esmm.Shapes),
    ];

    /// <summary>
    /// The model that <paramref name="options"/> configures (a PLE for <see cref="PleOptions"/>, ...).
    /// </summary>
    /// <param name="dnnFeatureColumns">The input features.</param>
    /// <param name="options">The hyper-parameters; their record's type picks the model.</param>
    public static MultiTaskModel Create(IEnumerable<FeatureColumn> dnnFeatureColumns, MultiTaskOptions options) =>
        EntryOf(options).Create(dnnFeatureColumns, options);

    /// <summary>
    /// The model of type <paramref name="modelType"/> (a name of <see cref="ModelNames.Models"/>, e.g. <c>cgc</c>)
    /// with the hyper-parameters <paramref name="parameters"/> (camelCase keys, the type's defaults for the rest).
    /// </summary>
    /// <param name="modelType">The model type's name.</param>
    /// <param name="dnnFeatureColumns">The input features.</param>
    /// <param name="parameters">The hyper-parameters given, by camelCase name.</param>
    public static MultiTaskModel Create(string modelType, IEnumerable<FeatureColumn> dnnFeatureColumns,
        IReadOnlyDictionary<string, object> parameters) =>
        Create(dnnFeatureColumns, ModelParameterCatalog.Bind(modelType, parameters));

    /// <summary>The type name a model is saved and exported under (<c>ple</c> for a CGC too).</summary>
    internal static string TypeName(MultiTaskModel model) => ModelNames.NameOf(model.Options.GetType());

    /// <summary>The tensors the model of <paramref name="options"/> would have, without building it.</summary>
    internal static StateShapes Shapes(IReadOnlyList<FeatureColumn> columns, MultiTaskOptions options) =>
        EntryOf(options).Shapes(new FeatureLayout(columns), options);

    private static Entry EntryOf(MultiTaskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Entries.FirstOrDefault(e => e.OptionsType == options.GetType()) ?? throw new ArgumentException(
            $"{options.GetType().Name} configures no registered model");
    }

    private sealed record Entry(
        Type OptionsType,
        Func<IEnumerable<FeatureColumn>, MultiTaskOptions, MultiTaskModel> Create,
        Func<FeatureLayout, MultiTaskOptions, StateShapes> Shapes)
    {
        public static Entry Of<TOptions>(
            Func<IEnumerable<FeatureColumn>, TOptions, MultiTaskModel> create,
            Func<FeatureLayout, TOptions, StateShapes> shapes)
            where TOptions : MultiTaskOptions =>
            new(typeof(TOptions), (columns, options) => create(columns, (TOptions)options),
                (layout, options) => shapes(layout, (TOptions)options));
    }
}
