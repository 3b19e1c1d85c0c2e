namespace RecSharp.Serving.Http;

/// <summary>What a reload did.</summary>
/// <param name="Loaded">Whether the new model was loaded and is now served.</param>
/// <param name="Model">The hash of the model served now.</param>
/// <param name="Previous">The hash of the model served before.</param>
/// <param name="Error">Why the new model could not be loaded (one line); null when it was.</param>
public sealed record ReloadOutcome(bool Loaded, string Model, string Previous, string? Error);
