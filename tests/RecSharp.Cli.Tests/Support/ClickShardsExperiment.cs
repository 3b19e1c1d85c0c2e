namespace RecSharp.Cli.Tests.Support;

/// <summary>
/// A small MMOE experiment over the click/conversion generator's Parquet shards (<c>data/clicks-*.parquet</c>, as
/// <c>recsharp generate --kind click-conversion --shards K</c> writes them), trained for one epoch.
/// </summary>
public static class ClickShardsExperiment
{
    /// <summary>The experiment file's text.</summary>
    public const string Yaml = """
        data:
          path: data/clicks-*.parquet
        tasks:
          - { name: click, type: binary, label: click }
          - { name: conversion, type: binary, label: conversion }
        features:
          - { name: user_id, kind: sparse, embeddingDim: 3 }
          - { name: item_id, kind: hashed, buckets: 64 }
          - { name: item_category, kind: sparse, embeddingDim: 3 }
          - { name: user_activity, kind: dense }
          - { name: item_price, kind: dense, scaler: minmax }
        model:
          type: mmoe
          numExperts: 2
          expertDnnHiddenUnits: [8]
          gateDnnHiddenUnits: []
          towerDnnHiddenUnits: [4]
        training:
          metrics: [auc, logloss]
          batchSize: 32
          epochs: 1
          testSplit: 0.25
        """;
}
