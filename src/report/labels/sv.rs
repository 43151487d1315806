//! The labels in Swedish (svenska).

use super::{Label, Phrase};

/// The Swedish (svenska) text of `label`.
pub(super) fn text(label: Label) -> &'static str {
    use Label::*;
    match label {
        BenefitRealisationPlan => "Nyttorealiseringsplan",
        BenefitCalculation => "Nyttokalkyl",
        OfMonetisedBenefits => "av den värderade nyttan",
        MonetisedBenefits => "Värderad nytta",
        PlannedHarvest => "Planerad hemtagning",
        Investment => "investering",
        Operations => "drift och förvaltning",
        Other => "övrig kostnad",
        Financial => "finansiell",
        Reallocation => "omfördelning",
        Qualitative => "kvalitativ",
        High => "hög",
        Medium => "medel",
        Low => "låg",
        BudgetReduction => "besparingskrav",
        Redeployment => "omdisponering",
        Revenue => "intäkt",
        CostAvoidance => "undviken kostnad",
        Quality => "kvalitet",
        ProjectId => "Diarienummer",
        Organisation => "Organisation",
        Portfolio => "Portfölj",
        Overdue => "Försenad\n(W204)",
        Yes => "ja",
        No => "nej",
        PortfolioFollowUpWorstFirst => "Portföljuppföljning, sämst först (plan mot utfall hittills)",
        PortfolioFollowUpPerGroup => "Per grupp",
        DeviationsPerLineAndYear => "Avvikelser per post och år (utfall − plan; * en kommentar nedan)",
        Comments => "Kommentarer",
        Comment => "Kommentar",
        RealisationSoFar => "Realiseringsgrad\nhittills",
        ForecastTrend => {
            "Prognos: trend. Varje posts år efter uppföljningsåret är dess plan × utfallet hittills (Σ utfall / Σ plan över åren med utfall); en post utan utfall behåller planen. Planen står bredvid."
        }
        ForecastPlan => "Prognos: plan. Åren efter uppföljningsåret behåller planen.",
        ForecastPerLine => "Prognos per post",
        DiffOf => "Ändringar",
        AssumptionsChanged => "Ändrade antaganden",
        LinesAddedRemovedChanged => "Tillagda, borttagna och ändrade poster",
        NpvBridge => "Nuvärdesbrygga: från det gamla nettonuvärdet till det nya, ett steg per ändring",
        NpvBridgeOrder => {
            "Ordning: antaganden (kalkylperiod, driftstart, timkostnad, kalkylränta), sedan borttagna poster, sedan ändrade och tillagda poster i den nya filens ordning; varje stegs effekt är nettonuvärdet efter steget minus före, så stegen summerar till skillnaden."
        }
        Old => "Före",
        New => "Efter",
        Change => "Ändring",
        Added => "tillagd",
        Removed => "borttagen",
        Changed => "ändrad",
        KeysChanged => "Ändrade nycklar",
        Step => "Steg",
        EffectOnNpv => "Effekt på\nnettonuvärdet",
        NpvAfter => "Nettonuvärde\nefter",
        OtherChanges => "Övriga ändringar",
        CombinedWithNextStep => "slås ihop med nästa steg; ensamt validerar inte filen:",
        HourlyCost => "Timkostnad",
        OldNpv => "Nettonuvärde före",
        NewNpv => "Nettonuvärde efter",
        NoDifferences => "Filerna skiljer sig inte åt (bortsett från kommentarer och layout).",
        NoAssumptionChanged => "Inga antaganden har ändrats.",
        NoLineChanged => "Inga poster har lagts till, tagits bort eller ändrats.",
        MatchedByName => "matchad på namn",
        RenamedFrom => "hette",
        Overhead => "PO-pålägg",
        Projects2 => "Projekt",
        Ids => "Id",
        Besparingskrav2 => "Besparings-\nkrav",
        PerStakeholderOverPortfolio => {
            "Per intressent, summerat över portföljen (varje projekt fördelat efter intressenternas andelar)"
        }
        CostsPerStakeholderAndYear => "Kostnader per intressent och år",
        BesparingskravPerStakeholderAndYear => {
            "Besparingskrav (planerad hemtagning genom budgetminskning) per intressent och år"
        }
        Year => "år",
        Years => "år",
        Horizon => "Kalkylperiod",
        GoLive => "Driftstart",
        Scenario => "Scenario",
        KronorSekWholeKronor => "kronor (SEK), hela kronor",
        WholeUnits => "hela enheter",
        Amounts => "Belopp",
        OverriddenOnCommandLine => "Ändrat från kommandoraden",
        Costs => "kostnader",
        Operations2 => "drift",
        Benefits => "nytta",
        BenefitsDelayed => "nyttan försenad",
        Months => "mån",
        DiscountRate => "kalkylränta",
        Default => "standard",
        Item => "Post",
        Amount => "Belopp",
        CostsAndBenefitsOverHorizon => "Kostnader och nytta under kalkylperioden",
        Investment2 => "Investering",
        Operations3 => "Drift och förvaltning",
        OtherCosts => "Övriga kostnader",
        TotalCosts => "Summa kostnader",
        FinancialBenefits => "Finansiell nytta",
        ReallocationBenefits => "Omfördelningsnytta",
        TotalBenefits => "Summa nytta",
        OfWhichHighConfidence => "Varav nytta med hög säkerhet",
        OfWhichMediumConfidence => "Varav nytta med medelhög säkerhet",
        OfWhichLowConfidence => "Varav nytta med låg säkerhet",
        NetBenefitsCosts => "Netto (nytta − kostnader)",
        KeyFigure => "Nyckeltal",
        Value => "Värde",
        KeyFigures => "Nyckeltal",
        DiscountRate2 => "Kalkylränta",
        PvCosts => "Nuvärde kostnader",
        PvBenefits => "Nuvärde nytta",
        NetPresentValueNpv => "Nettonuvärde (NPV)",
        NpvFinancialBenefitsOnly => "Nettonuvärde, endast finansiell nytta",
        NpvHighConfidenceBenefitsOnly => "Nettonuvärde, endast nytta med hög säkerhet",
        BenefitCostRatioBcr => "Nytta/kostnad (BCR)",
        InternalRateOfReturnIrr => "Internränta (IRR)",
        Payback => "Återbetalningstid",
        HarvestShareOfBenefits => "Hemtagningsgrad (andel av nyttan)",
        Summary => "Sammanfattning",
        WorseThanPlanned => "Sämre än plan",
        BetterThanPlanned => "Bättre än plan",
        ChartCostsAndBenefitsPerYear => "Kostnader och nyttor per år",
        ChartCostsAndBenefitsPerYearDesc => {
            "Staplar per år: nyttor över noll per slag, kostnader under noll per kategori; linjen är årets netto."
        }
        ChartCumulativeNet => "Ackumulerat netto och återbetalning",
        ChartCumulativeNetDesc => {
            "Nettot summerat från start, månad för månad (punkterna är årens slut); den streckade linjen markerar månaden då investeringen är återbetald."
        }
        ChartCumulativeNetNoPaybackDesc => {
            "Nettot summerat från start, månad för månad (punkterna är årens slut); investeringen blir inte återbetald inom kalkylperioden."
        }
        ChartHarvestAgainstBenefit => "Planerad hemtagning mot nytta per år",
        ChartHarvestAgainstBenefitDesc => {
            "Två staplar per år: den värderade nyttan och den del av den som planeras tas hem."
        }
        ChartSavingsDemandPerStakeholder => "Besparingskrav per intressent",
        ChartSavingsDemandPerStakeholderDesc => {
            "En stapel per intressent: besparingskravet, den planerade hemtagning som tas ur intressentens budget under kalkylperioden. Omdisponerad tid, intäkter och undvikna kostnader räknas inte hit."
        }
        SavingsDemandTotal => "Besparingskrav",
        ChartNpvPerStakeholder => "Nettonuvärde per intressent",
        ChartNpvPerStakeholderDesc => {
            "En stapel per intressent: över noll vinner intressenten, under noll betalar den."
        }
        ChartTornadoDesc => {
            "En stapel per post med osäkerhetsintervall, bredast först: nettonuvärdet med posten vid sin låga och sin höga faktor, rött där det blir sämre än plan, grönt där bättre; den lodräta linjen är nettonuvärdet enligt plan."
        }
        ChartMonteCarlo => "Fördelning av nettonuvärdet (simulering)",
        ChartMonteCarloDesc => {
            "Histogram över de simulerade nettonuvärdena; de streckade linjerna markerar P10, medianen och P90, den heldragna linjen noll."
        }
        ChartPlannedAgainstActual => "Planerad mot faktisk kostnad och hemtagning per år",
        ChartPlannedAgainstActualDesc => {
            "Fyra staplar per år: kostnad enligt plan och utfall, hemtagning enligt plan och utfall. Planen är de posters som har utfall (en post som saknar utfall räknas inte som ett underskridande); ett år utan utfall visar hela planen och saknar utfallsstapel."
        }
        ChartNpvPerProject => "Nettonuvärde per projekt",
        ChartNpvPerProjectDesc => {
            "En stapel per beräknat projekt, i tabellens ordning: över noll är det lönsamt, under noll inte."
        }
        ChartFirstProjects => "Diagrammet visar tabellens första projekt:",
        AmountIn => "Belopp",
        NumberOfDraws => "Antal dragningar",
        Draws => "Dragningar",
        From => "Från",
        To => "Till",
        PaidBack => "Återbetald",
        ScenarioOptimismUpper => "optimismjustering, övre",
        ScenarioOptimismLower => "optimismjustering, undre",
        StatusOk => "utan anmärkning",
        StatusWarnings => "varningar",
        StatusError => "fel",
        Median => "Median",
        NpvAsPlanned => "Nettonuvärde enligt plan",
        CostPlanned => "Kostnader, plan",
        CostActual => "Kostnader, utfall",
        HarvestPlanned => "Hemtagning, plan",
        HarvestActual => "Hemtagning, utfall",
        Contents => "Innehåll",
        Projects => "Projekt",
        SumsPerGroup => "Summor per grupp och år",
        NoGroup => "(ingen angiven)",
        Rank => "Plats",
        Status => "Status",
        DataTable => "Siffror",
        SheetSummary => "Sammanfattning",
        SheetAssumptions => "Förutsättningar",
        SheetYears => "År",
        SheetLines => "Poster",
        SheetStakeholders => "Intressenter",
        SheetRealisation => "Vinsthemtagning",
        SheetSensitivity => "Känslighet",
        SheetFindings => "Anmärkningar",
        Severity => "Allvarlighet",
        TotalCostsPlain => "Summa kostnader",
        TotalBenefitsPlain => "Summa nytta",
        NetPlain => "Netto",
        CumulativeNetPlain => "Ackumulerat netto",
        DiscountFactorPlain => "Diskonteringsfaktor",
        PresentValuePlain => "Nuvärde",
        LowFactorPlain => "Låg faktor",
        HighFactorPlain => "Hög faktor",
        NpvAtLowFactorPlain => "Nettonuvärde vid låg faktor",
        NpvAtHighFactorPlain => "Nettonuvärde vid hög faktor",
        SwitchingFactorPlain => "Brytfaktor",
        Figure => "Nyckeltal",
        WhatItMeans => "Vad det betyder",
        NpvWithoutLowConfidenceBenefits => "Nettonuvärde utan nytta med låg säkerhet",
        BenefitThatMustComeTrue => "Nytta som måste realiseras",
        DelayThatTurnsCase => "Försening som vänder kalkylen",
        Simulation => "Simulering",
        NpvP10 => "Nettonuvärde, P10",
        NpvMedianP50 => "Nettonuvärde, median (P50)",
        NpvP90 => "Nettonuvärde, P90",
        ProbabilityOfNegativeNpv => "Sannolikhet för negativt nettonuvärde",
        NoLineHasRangeRangeSo => "Ingen post har ett osäkerhetsintervall (`range`), så ingen simulering har gjorts.",
        HowRobustIsCase => "Hur robust är kalkylen?",
        Year2 => "År",
        Operations4 => "Drift och\nförvaltning",
        OtherCosts2 => "Övriga\nkostnader",
        TotalCosts2 => "Summa\nkostnader",
        FinancialBenefits2 => "Finansiell\nnytta",
        ReallocationBenefits2 => "Omfördel-\nningsnytta",
        TotalBenefits2 => "Summa\nnytta",
        Net => "Netto",
        CumulativeNet => "Ackumulerat\nnetto",
        DiscountFactor => "Diskonte-\nringsfaktor",
        PlannedHarvest2 => "Planerad\nhemtagning",
        Total => "Summa",
        YearByYear => "År för år",
        Costs2 => "Kostnader",
        MonetisedBenefits2 => "Värderade nyttor",
        NoCosts => "Inga kostnader.",
        NoMonetisedBenefits => "Inga värderade nyttor.",
        Line => "Post",
        Category => "Kategori",
        Class => "Klass",
        Confidence => "Säkerhet",
        PresentValue => "Nuvärde",
        Lines => "Kalkylposter",
        Stakeholder => "Intressent",
        Npv => "Netto-\nnuvärde",
        ByStakeholder => "Per intressent",
        Npv2 => "Nettonuvärde",
        RealisationPlan => "Vinsthemtagning",
        NoMonetisedBenefitsToRealise => "Inga värderade nyttor att ta hem.",
        Benefit => "Nytta",
        Owner => "Ansvarig",
        Method => "Metod",
        Share => "Andel",
        Lag => "Fördröjning",
        TotalBenefit => "Nytta\ntotalt",
        BenefitNotHarvested => "Ej hemtagen\nnytta",
        PlanPerBenefit => "Plan per nytta",
        PlannedHarvestPerYear => "Planerad hemtagning per år",
        MeasuredBy => "Mäts av",
        Baseline => "Nuläge",
        BaselineDate => "Nuläge per",
        Target => "Målvärde",
        TargetDate => "Måldatum",
        FollowUp => "Uppföljning",
        FollowingUpRealisation => "Uppföljning av hemtagningen",
        Schedule => "schema",
        Mo => "mån",
        Missing => "saknas",
        FollowUpNoBenefitStatesYet => {
            "Uppföljning: ingen nytta anger ännu vem som mäter, nuläge, målvärde eller när hemtagningen följs upp (measured_by, baseline, target, follow_up under [benefits.realisation])."
        }
        NoMethodGiven => "metod ej angiven",
        Method2 => "Hemtagningsmetod",
        PlannedHarvestPerStakeholderAndYear => "Planerad hemtagning per intressent, metod och år",
        Total2 => "hemtagning totalt",
        NoPlannedHarvestSoNoStakeholder => "Ingen planerad hemtagning hos någon intressent.",
        BudgetConsequencePlannedHarvestSavingsDemand => {
            "Budgetkonsekvens: den planerade hemtagningen som varje intressent ska bära, per år och metod. Bara besparingskrav minskar en budget; omdisponerad tid, intäkter, undvikna kostnader och kvalitet tas hem på andra sätt."
        }
        EffekthemtagningCalculationHasNoInvestmentTo => {
            "Effekthemtagning: kalkylen har ingen investering, så hemtagningen kan inte ställas mot den."
        }
        CumulativeInvestment => "Ackumulerad\ninvestering",
        CumulativeHarvest => "Ackumulerad\nhemtagning",
        HarvestInvestment => "Effekthem-\ntagning",
        HarvestAgainstInvestmentPerYearEffekthemtagning => "Effekthemtagning per år",
        EffekthemtagningHarvestAgainstInvestmentPlannedHarvest => {
            "Effekthemtagning: den ackumulerade planerade hemtagningen som andel av den ackumulerade investeringen."
        }
        QualitativeBenefits => "Kvalitativa nyttor",
        Indicator => "Indikator",
        NoQualitativeBenefits => "Inga kvalitativa nyttor.",
        NoLineHasRangeSoThere => "Ingen post har ett intervall (range), så det finns inget lågt och högt fall.",
        LowFactor => "Låg\nfaktor",
        HighFactor => "Hög\nfaktor",
        NpvAtLowFactor => "Nettonuvärde\nvid låg faktor",
        NpvAtHighFactor => "Nettonuvärde\nvid hög faktor",
        Spread => "Spännvidd",
        RangePerLineTornado => "Intervall per post (tornado)",
        Case => "Fall",
        LowAndHighCase => "Lågt och högt fall",
        LowCaseEveryRangeUnfavourable => "Lågt fall (alla intervall ogynnsamt)",
        AsPlanned => "Grundkalkyl",
        Assumptions => "Förutsättningar",
        Assumption => "Förutsättning",
        PriceLevel => "Prisnivå",
        HourlyCostWithOverhead => "Timkostnad",
        OverheadPo => "Personalomkostnadspålägg (PO)",
        CurrencyLabel => "Valuta",
        Rounding => "Avrundning",
        NotStated => "ej angivet",
        RealRate => "real (fasta priser)",
        NominalRate => "nominell (löpande priser)",
        RealOrNominalNotStated => "ej angivet om real eller nominell",
        DiscountRateCap => "Kalkylränta",
        NotPlannedForHarvest => "Ej planerad för\nhemtagning",
        HarvestedAfterHorizon => "Hemtas efter\nkalkylperioden",
        WholeProject => "projektet som helhet",
        StakeholdersPlace => "intressenterna",
        CostLines => "kostnadsraderna",
        BenefitLines => "nyttoraderna",
        MoreThanTenfold => "mer än tiodubbelt",
        BenefitUnreachableNote => "* Nettonuvärdet förblir positivt även utan denna nytta.",
        CostUnreachableNote => "* Nettonuvärdet förblir negativt även om denna kostnad försvann.",
        ScenariosSideBySide => "Scenarier sida vid sida",
        BaseCase => "grundkalkyl",
        HighCaseEveryRangeFavourable => "Högt fall (alla intervall gynnsamt)",
        Type => "Typ",
        SwitchingFactor => "Brytfaktor",
        ChangeToNpv0 => "Ändring till\nnettonuvärde 0",
        SwitchingFactors => "Brytfaktorer",
        NoMonetisedLines => "Inga värderade poster.",
        SwitchingFactorIsWhatLineMust => {
            "Brytfaktorn är det tal som posten ska multipliceras med för att nettonuvärdet ska bli 0."
        }
        Sensitivity => "Känslighetsanalys",
        Source => "Källa",
        Note => "Anmärkning",
        SourcesAndNotes => "Källor och anmärkningar",
        FindingsNyttaCheck => "Granskning (nytta check)",
        NoFindings => "Inga anmärkningar.",
        Code => "Kod",
        Where => "Var",
        Finding => "Anmärkning",
        Hint => "Åtgärd",
        ActualsUpToAndIncluding => "Utfall till och med",
        Cost => "kostnad",
        Benefit2 => "nytta",
        Harvest => "hemtagning",
        Planned => "Plan",
        Actual => "Utfall",
        Variance => "Avvikelse",
        ActualsAgainstPlan => "Utfall mot plan",
        VarianceActualPlannedYearWithNo => {
            "Avvikelse = utfall − plan. Ett år utan rapporterat utfall visas med –; summaradens avvikelse räknar bara år med utfall."
        }
        Kind => "Slag",
        MissingActuals => "Saknat\nutfall",
        PlannedReported => "Plan, poster\nmed utfall",
        TotalsUpToFollowUpYear => "Summa till och med uppföljningsåret",
        Benefits2 => "Nytta",
        Harvest2 => "Hemtagning",
        RealisationRateHarvestedPlannedHarvest => "Realiseringsgrad (hemtaget / planerad hemtagning)",
        RowsWithNoActualReported => "Rader utan rapporterat utfall",
        Totals => "Summering",
        Plan => "Plan",
        ReForecast => "Prognos",
        Difference => "Skillnad",
        CostsPlanned => "Kostnader\nplan",
        CostsReForecast => "Kostnader\nprognos",
        BenefitsPlanned => "Nytta\nplan",
        BenefitsReForecast => "Nytta\nprognos",
        NetPlanned => "Netto\nplan",
        NetReForecast => "Netto\nprognos",
        PlanAndReForecastPerYear => "Plan och prognos per år",
        ReForecastAgainstPlan => "Prognos mot plan",
        Flags => "Avvikelser att åtgärda",
        NoFlags => "Inga avvikelser.",
        Flag => "Avvikelse",
        Name => "Namn",
        Codes => "Koder",
        Payback2 => "Återbetalnings-\nmånad",
        Group => "Grupp",
        NpvOptimismBiasUpper => "Nettonuvärde med högt påslag för överoptimism",
        NpvOptimismBiasLower => "Nettonuvärde med lågt påslag för överoptimism",
        PortfolioFollowUp => "Portföljuppföljning",
        NpvPlan => "Nettonuvärde\nplan",
        NpvReForecast => "Nettonuvärde\nprognos",
        FlagsPerProject => "Avvikelser per projekt",
        SheetGroups => "Grupper",
        PortfolioTotal => "Hela portföljen",
        BenefitPlanned => "Nytta, plan",
        BenefitActual => "Nytta, utfall",
    }
}

/// The Swedish wording of a sentence with figures.
pub(super) fn phrase(p: &Phrase) -> String {
    let lönsam = |pays: bool| if pays { "lönsam" } else { "olönsam" };
    match *p {
        Phrase::NpvAll { pays } => format!("Med alla värderade nyttor är kalkylen {}.", lönsam(pays)),
        Phrase::NpvFinancial { pays } => format!(
            "Räknat bara med nytta som syns i budgeten (inte frigjord tid) är kalkylen {}.",
            lönsam(pays)
        ),
        Phrase::NpvWithoutLowConfidence { pays } => {
            format!("Utan de nyttor som är osäkrast värderade är kalkylen {}.", lönsam(pays))
        }
        Phrase::IrrAt { irr, rate } => format!("Kalkylen går jämnt upp vid en kalkylränta på {irr} (nu {rate})."),
        Phrase::IrrNegative { irr } => format!(
            "Kalkylen går jämnt upp först vid en negativ kalkylränta ({irr}): den tjänar inte ens in det den kostar, räknat utan ränta."
        ),
        Phrase::NoIrr => "Ingen internränta: ingen kalkylränta gör nettonuvärdet till noll.".to_string(),
        Phrase::NoIrrAlwaysPays => {
            "Ingen internränta: nettot är positivt varje år, så kalkylen är lönsam vid varje kalkylränta.".to_string()
        }
        Phrase::NoIrrNeverPays => {
            "Ingen internränta: nettot är negativt varje år, så kalkylen är olönsam vid varje kalkylränta.".to_string()
        }
        Phrase::NoMonetisedBenefit => "Kalkylen har ingen värderad nytta.".to_string(),
        Phrase::NoBreakEvenEvenIfAll { share } => {
            format!("Kalkylen går inte jämnt upp ens om all nytta realiseras: det skulle krävas {share} av nyttan.")
        }
        Phrase::BreaksEvenIf { share } => format!("Kalkylen går jämnt upp om {share} av nyttan realiseras."),
        Phrase::StopsPayingOffAfter { months } => format!(
            "Kalkylen blir olönsam om nyttan dröjer {months} {}.",
            if months == 1 { "månad" } else { "månader" }
        ),
        Phrase::AlreadyNegative => "Kalkylen är redan olönsam.".to_string(),
        Phrase::KeepsPayingOff { months } => format!("Kalkylen förblir lönsam även om nyttan dröjer {months} månader."),
        Phrase::OptimismBias {
            factor,
            delay,
            upper,
            written,
            pays,
        } => {
            let what = match delay {
                0 => format!("investeringen × {factor}"),
                1 => format!("investeringen × {factor} och nyttan 1 månad senare"),
                d => format!("investeringen × {factor} och nyttan {d} månader senare"),
            };
            if written {
                return format!(
                    "Med {what}, som filens eget scenario `{}` säger, är kalkylen {}.",
                    if upper { "optimism-upper" } else { "optimism-lower" },
                    lönsam(pays)
                );
            }
            format!(
                "Med {what}, som erfarenheten av IT-projekt visar ({}), är kalkylen {}.",
                if upper {
                    "brittiska finansdepartementets Green Book, högt påslag"
                } else {
                    "brittiska finansdepartementets Green Book, lågt påslag"
                },
                lönsam(pays)
            )
        }
        Phrase::CouldNotCompute => "Kunde inte beräknas: beloppen blir för stora.".to_string(),
        Phrase::SimulationCaption { draws, seed } => {
            format!("Simulering över osäkerhetsintervallen ({draws} dragningar, frö {seed})")
        }
        Phrase::SimulationSummary { p10, p90, negative } => format!(
            "I nio fall av tio blir nettonuvärdet minst {p10}, och i nio fall av tio högst {p90}. Risken att kalkylen blir olönsam är {negative}."
        ),
        Phrase::NothingPlannedUpTo { as_of } => format!("Inget planerat belopp och inget utfall till och med {as_of}."),
        Phrase::HourlyFromSalary {
            salary,
            hours,
            overhead,
            hourly,
        } => format!("{salary} i månaden / {hours} timmar × (1 + {overhead}) = {hourly} i timmen"),
        Phrase::HourlyWithOverhead { base, overhead, hourly } => {
            format!("{base} i timmen × (1 + {overhead}) = {hourly} i timmen")
        }
        Phrase::PricesOf { year } => format!("{year} års priser"),
        Phrase::RoundingRule { unit } => format!(
            "Allt beräknas exakt, per månad, och avrundas först när det visas, till hela {unit}. Summorna avrundas som vanligt (hälften bort från noll) och delarna så att de går jämnt upp i summan (största restmetoden), så varje tabell summerar som den står; netto är nytta minus kostnader som de visas. En enskild post kan därför visas 1 högre eller lägre än sitt eget avrundade belopp. De exakta beloppen finns i JSON och CSV."
        ),
        Phrase::ReforecastBasis { as_of } => format!(
            "Prognosen bygger på utfallet till och med {as_of} (planen där utfall saknas) och, för åren därefter, \
             planen eller trenden (se nedan)."
        ),
        Phrase::Entry { section, number, name } => format!("[[{section}]] nr {number} ”{name}”"),
    }
}

/// A column of a CSV (`--excel`) or spreadsheet for people, by its key in the plain CSV.
pub(super) fn column(key: &str) -> Option<&'static str> {
    Some(match key {
        "year" => "År",
        "costs" => "Kostnader",
        "investment_costs" => "Investering",
        "operations_costs" => "Drift och förvaltning",
        "other_costs" => "Övriga kostnader",
        "benefits" => "Nytta",
        "financial_benefits" => "Finansiell nytta",
        "reallocation_benefits" => "Omfördelningsnytta",
        "net" => "Netto",
        "cumulative_net" => "Ackumulerat netto",
        "discount_factor" => "Diskonteringsfaktor",
        "planned_harvest" => "Planerad hemtagning",
        "id" => "Id",
        "name" => "Namn",
        "npv" => "Nettonuvärde",
        "kind" => "Slag",
        "category" => "Kategori",
        "class" => "Klass",
        "confidence" => "Säkerhet",
        "total" => "Summa",
        "pv" => "Nuvärde",
        "switching_factor" => "Brytfaktor",
        "benefit" => "Nytta",
        "line" => "Rad",
        "method" => "Metod",
        "owner" => "Nyttoägare",
        "share" => "Andel",
        "lag_months" => "Fördröjning (månader)",
        "planned" => "Planerat",
        "actual" => "Utfall",
        "variance" => "Avvikelse",
        "variance_share" => "Avvikelse (andel)",
        "source" => "Källa",
        "organisation" => "Organisation",
        "portfolio" => "Portfölj",
        "status" => "Status",
        "errors" => "Fel",
        "warnings" => "Varningar",
        "codes" => "Koder",
        "total_costs" => "Summa kostnader",
        "total_benefits" => "Summa nytta",
        "bcr" => "Nytta/kostnad",
        "irr" => "Internränta",
        "payback_month" => "Återbetalningsmånad",
        "harvest_share" => "Andel hemtagen",
        "message" => "Meddelande",
        "benefit_breakeven" => "Nytta som krävs för nollresultat",
        "delay_breakeven_months" => "Försening till nollresultat (månader)",
        "optimism_upper_npv" => "Nettonuvärde med högt påslag för överoptimism",
        "probability_negative" => "Sannolikhet för negativt nettonuvärde",
        "group" => "Grupp",
        "as_of" => "Uppföljt till och med",
        "planned_costs" => "Kostnader, plan",
        "actual_costs" => "Kostnader, utfall",
        "planned_benefits" => "Nytta, plan",
        "actual_benefits" => "Nytta, utfall",
        "actual_harvest" => "Hemtagning, utfall",
        "realisation_rate" => "Realiseringsgrad",
        "missing" => "Saknade utfall",
        "flags" => "Avvikelser",
        "overdue" => "Försenad (W204)",
        "error" => "Fel",
        "projects" => "Projekt",
        "planned_npv" => "Nettonuvärde, plan",
        "forecast_npv" => "Nettonuvärde, prognos",
        "rank" => "Plats",
        "code" => "Kod",
        "severity" => "Allvar",
        "scenario" => "Scenario",
        "npv_financial" => "Nettonuvärde, endast finansiell nytta",
        "key" => "Förutsättning",
        "value" => "Värde",
        "comment" => "Kommentar",
        "amount" => "Belopp",
        "stakeholder_id" => "Intressentens id",
        "stakeholder" => "Intressent",
        "ids" => "Id i filerna",
        "besparingskrav" => "Besparingskrav",
        "measure" => "Mått",
        _ => return None,
    })
}
