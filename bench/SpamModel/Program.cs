using System.Globalization;
using Sift.Analysis.Offline;
using SpamModel = Sift.Analysis.Offline.SpamModel;
using Sift.Bench.SpamModel;
using static System.FormattableString;

// Trains the spam and noise model, or measures the analyzer on the held-out split (DATA.md).
//   dotnet run -c Release --project bench/SpamModel -- train DATA [Functions/Analysis/Offline/Model/spam-model-v2.bin]
//   dotnet run -c Release --project bench/SpamModel -- evaluate DATA [cpu-rounds=20] [model-file]   (the shipped model, or a trained file)
//   dotnet run -c Release --project bench/SpamModel -- classify TEXT [model-file]   (what the shipped model, or a trained file, makes of one text)
//   dotnet run -c Release --project bench/SpamModel -- labels [cpu-rounds=5]   (the label memory on synthetic spam waves, and its cost)
if (args is ["labels", ..])
{
    LabelWaves.Report(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5);
    return 0;
}

if (args.Length < 2 || args[0] is not ("train" or "evaluate" or "classify"))
{
    Console.Error.WriteLine("usage: train DATA [model-file] | evaluate DATA [cpu-rounds] [model-file] | classify TEXT [model-file] | labels [cpu-rounds]");
    return 2;
}

if (args[0] == "classify")
{
    var model = args.Length > 2 ? Read(args[2]) : SpamModel.Shipped;
    var verdict = model.Classify(args[1]);
    Console.WriteLine(Invariant($"{model}: spam {verdict.Spam:0.000}, noise {verdict.Noise:0.000}, mixed-script words {verdict.LookAlikeWords}, evidence {string.Join(", ", verdict.Evidence)}"));
    return 0;
}

var samples = Corpus.Load(args[1]);
Console.WriteLine(Invariant($"{samples.Count} texts after exact copies: {Describe(Split.Train)} training, {Describe(Split.Validation)} validation, {Describe(Split.HeldOut)} held out"));
if (args[0] == "train")
{
    var path = args.Length > 2 ? args[2] : Path.Combine("Functions", "Analysis", "Offline", "Model", "spam-model-v2.bin");
    var trained = Trainer.Train([.. samples.Where(s => s.Split == Split.Train)], seed: 21);
    var model = Thresholds.Choose(trained, [.. samples.Where(s => s.Split == Split.Validation)]);
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    using (var file = File.Create(path))
    {
        model.Write(file);
    }

    Evaluation.Validate([.. samples.Where(s => s.Split == Split.Validation)], model);
    Console.WriteLine(Invariant($"wrote {path} ({new FileInfo(path).Length:N0} bytes): {model}"));
    return 0;
}

var heldOut = samples.Where(s => s.Split == Split.HeldOut).ToList();
var measured = args.Length > 3 ? Read(args[3]) : SpamModel.Shipped;
Console.WriteLine($"model: {(args.Length > 3 ? args[3] : "shipped")}, {measured}");
Evaluation.Report(heldOut, measured, Path.Combine(args[1], "misses.txt"));
Evaluation.MeasureCpu(heldOut, measured, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20);
return 0;

static SpamModel Read(string path)
{
    using var file = File.OpenRead(path);
    return SpamModel.Read(file);
}

string Describe(Split split) =>
    string.Join(" / ", samples.Where(s => s.Split == split).GroupBy(s => s.Class).OrderBy(g => g.Key).Select(g => Invariant($"{g.Count()} {Evaluation.Names[g.Key]}")));
