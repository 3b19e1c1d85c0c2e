using RecSharp.Models;

namespace RecSharp.Tests.Support;

/// <summary>
/// A model the census tests train: its name in the <see cref="CensusFixture"/>, how to build it, its labels.
/// </summary>
/// <param name="Name">The name the fixture keeps the trained model under.</param>
/// <param name="Build">Builds the untrained model.</param>
/// <param name="Nested">Whether it trains on the nested labels (<see cref="CensusFixture.NestedLabels"/>).</param>
/// <param name="Epochs">Its training budget in epochs.</param>
public sealed record CensusModel(string Name, Func<MultiTaskModel> Build, bool Nested = false,
    int Epochs = CensusFixture.Epochs);
