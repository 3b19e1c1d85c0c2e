using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using RecSharp.Models;

namespace RecSharp.Catalog;

/// <summary>
/// The keys each model type accepts, read from its options record (<see cref="ModelNames.Models"/>): every public
/// <c>init</c> property not marked <see cref="SetElsewhereAttribute"/>, named in camelCase, with its initial value as
/// the default and its validation attributes as rules. <see cref="Bind"/> turns given values into the record.
/// </summary>
public static class ModelParameterCatalog
{
    private static readonly ConcurrentDictionary<string, IReadOnlyList<ModelParameter>> Cache = new();

    /// <summary>
    /// The keys of model type <paramref name="modelType"/>, the common ones first, in declaration order.
    /// </summary>
    /// <param name="modelType">A name of <see cref="ModelNames.Models"/>.</param>
    public static IReadOnlyList<ModelParameter> For(string modelType) => Cache.GetOrAdd(modelType, Describe);

    /// <summary>
    /// The options record of <paramref name="modelType"/> holding <paramref name="values"/> (by camelCase name, each
    /// of the key's value type) and the type's defaults and fixed settings for the rest. A key the type does not have,
    /// or a value its property refuses, is an <see cref="ArgumentException"/> naming the key.
    /// </summary>
    /// <param name="modelType">A name of <see cref="ModelNames.Models"/>.</param>
    /// <param name="values">The given values by camelCase name.</param>
    public static MultiTaskOptions Bind(string modelType, IReadOnlyDictionary<string, object> values)
    {
        var definition = ModelNames.Model(modelType);
        var keys = For(modelType).ToDictionary(p => p.Name, p => p.Property, StringComparer.Ordinal);
        var options = Defaults(definition);
        foreach (var (name, value) in values)
        {
            var property = keys.GetValueOrDefault(name)
                ?? throw new ArgumentException($"model type {modelType} has no parameter '{name}'");
            Set(options, property, name, value);
        }

        return options;
    }

    private static IReadOnlyList<ModelParameter> Describe(string modelType)
    {
        var definition = ModelNames.Model(modelType);
        var defaults = Defaults(definition);
        return Settable(definition.OptionsType)
            .Where(p => p.GetCustomAttribute<SetElsewhereAttribute>() is null)
            .Where(p => !definition.FixedParameters.ContainsKey(CamelCase(p.Name)))
            .Select(p => Parameter(p, p.GetValue(defaults)))
            .ToArray();
    }

    // A new record of the type's defaults and fixed settings.
    private static MultiTaskOptions Defaults(ModelDefinition definition)
    {
        var options = (MultiTaskOptions)Activator.CreateInstance(definition.OptionsType)!;
        foreach (var (name, value) in definition.FixedParameters)
        {
            Set(options, Settable(definition.OptionsType).Single(p => CamelCase(p.Name) == name), name, value);
        }

        return options;
    }

    private static ModelParameter Parameter(PropertyInfo property, object? value)
    {
        var range = property.GetCustomAttribute<RangeAttribute>();
        var pattern = property.GetCustomAttribute<RegularExpressionAttribute>();
        return new ModelParameter(CamelCase(property.Name), KindOf(property), value)
        {
            Minimum = range is null ? null : Convert.ToDouble(range.Minimum, CultureInfo.InvariantCulture),
            ExclusiveMaximum = range is { MaximumIsExclusive: true }
                ? Convert.ToDouble(range.Maximum, CultureInfo.InvariantCulture)
                : null,
            NonEmpty = property.GetCustomAttribute<MinLengthAttribute>() is { Length: > 0 },
            Choices = property.GetCustomAttribute<AllowedValuesAttribute>()?.Values.Select(v => $"{v}").ToArray(),
            Pattern = pattern?.Pattern,
            PatternText = pattern?.ErrorMessage,
            Property = property,
        };
    }

    private static ModelParameterKind KindOf(PropertyInfo property)
    {
        var type = property.PropertyType;
        if (type == typeof(int)) return ModelParameterKind.Integer;
        if (type == typeof(double)) return ModelParameterKind.Number;
        if (type == typeof(bool)) return ModelParameterKind.Boolean;
        if (type == typeof(string)) return ModelParameterKind.Text;
        if (type == typeof(IReadOnlyList<int>)) return ModelParameterKind.IntegerList;
        throw new NotSupportedException(
            $"{property.DeclaringType!.Name}.{property.Name}: a model setting of type {type.Name} has no kind; "
            + $"mark it [{nameof(SetElsewhereAttribute)}] or use int, double, bool, string or IReadOnlyList<int>");
    }

    // The public init properties, each record's in declaration order: the common record's first, then the model's own
    // record's, then those of the records between (settings it shares with similar models), the reference's order.
    private static IEnumerable<PropertyInfo> Settable(Type optionsType)
    {
        var chain = new List<Type>();
        for (var type = optionsType; type is not null && type != typeof(object); type = type.BaseType)
        {
            chain.Add(type);
        }

        return chain.TakeLast(1).Concat(chain.SkipLast(1)).SelectMany(t => t
            .GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(p => p.SetMethod is { IsPublic: true })
            .OrderBy(p => p.MetadataToken));
    }

    private static void Set(MultiTaskOptions options, PropertyInfo property, string name, object value)
    {
        object converted = property.PropertyType == typeof(double) && value is int integer ? (double)integer : value;
        if (!property.PropertyType.IsInstanceOfType(converted))
            throw new ArgumentException($"model parameter '{name}' takes a {KindOf(property)}, got '{value}'");
        try
        {
            property.SetValue(options, converted);
        }
        catch (TargetInvocationException e) when (e.InnerException is ArgumentException inner)
        {
            throw new ArgumentException($"model parameter '{name}': {inner.Message}", inner);
        }
    }

    private static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
