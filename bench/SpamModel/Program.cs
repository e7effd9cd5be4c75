using System.Globalization;
using Sift.Analysis.Offline;
using SpamModel = Sift.Analysis.Offline.SpamModel;
using Sift.Bench.SpamModel;
using static System.FormattableString;

// Trains the spam and noise model, or measures the analyzer on the held-out split (DATA.md).
//   dotnet run -c Release --project bench/SpamModel -- train DATA [Functions/Analysis/Offline/Model/spam-model-v1.bin]
//   dotnet run -c Release --project bench/SpamModel -- evaluate DATA [cpu-rounds=20]
//   dotnet run -c Release --project bench/SpamModel -- classify TEXT   (what the shipped model makes of one text)
//   dotnet run -c Release --project bench/SpamModel -- labels [cpu-rounds=5]   (the label memory on synthetic spam waves, and its cost)
if (args is ["labels", ..])
{
    LabelWaves.Report(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5);
    return 0;
}

if (args.Length < 2 || args[0] is not ("train" or "evaluate" or "classify"))
{
    Console.Error.WriteLine("usage: train DATA [model-file] | evaluate DATA [cpu-rounds] | classify TEXT | labels [cpu-rounds]");
    return 2;
}

if (args[0] == "classify")
{
    var verdict = SpamModel.Shipped.Classify(args[1]);
    Console.WriteLine(Invariant($"{SpamModel.Shipped}: spam {verdict.Spam:0.000}, noise {verdict.Noise:0.000}, mixed-script words {verdict.LookAlikeWords}, evidence {string.Join(", ", verdict.Evidence)}"));
    return 0;
}

var samples = Corpus.Load(args[1]);
Console.WriteLine(Invariant($"{samples.Count} texts after exact copies: {Describe(Split.Train)} training, {Describe(Split.Validation)} validation, {Describe(Split.HeldOut)} held out"));
if (args[0] == "train")
{
    var path = args.Length > 2 ? args[2] : Path.Combine("Functions", "Analysis", "Offline", "Model", "spam-model-v1.bin");
    var trained = Trainer.Train([.. samples.Where(s => s.Split == Split.Train)], seed: 21);
    var model = Thresholds.Choose(trained, [.. samples.Where(s => s.Split == Split.Validation)]);
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    using (var file = File.Create(path))
    {
        model.Write(file);
    }

    Console.WriteLine(Invariant($"wrote {path} ({new FileInfo(path).Length:N0} bytes): {model}"));
    return 0;
}

var heldOut = samples.Where(s => s.Split == Split.HeldOut).ToList();
Evaluation.Report(heldOut, SpamModel.Shipped, Path.Combine(args[1], "misses.txt"));
Evaluation.MeasureCpu(heldOut, SpamModel.Shipped, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20);
return 0;

string Describe(Split split) =>
    string.Join(" / ", samples.Where(s => s.Split == split).GroupBy(s => s.Class).OrderBy(g => g.Key).Select(g => Invariant($"{g.Count()} {Evaluation.Names[g.Key]}")));
