using Stopwatch = System.Diagnostics.Stopwatch;
using Bogus;
using FastTrack.Domain.Audit;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FastTrack.Domain.Customers;
using FastTrack.Domain.Engagements;
using FastTrack.Domain.Partners;
using FastTrack.Domain.Users;
using FastTrack.Features.Engagements;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Data.DemoData;

/// <param name="Engagements">How many engagements to add.</param>
/// <param name="Seed">The same seed on an empty database gives the same data.</param>
/// <param name="Password">The password of every demo user.</param>
/// <param name="Force">Add to a database that already holds engagements (nothing is ever deleted).</param>
public sealed record DemoDataOptions(int Engagements, int Seed = 2026, string Password = DemoDataGenerator.DefaultPassword, bool Force = false, int BatchSize = 500);

public sealed record DemoDataSummary(int Engagements, int Customers, int Managers, int PartnerOrganisations, int PartnerUsers,
    int Tasks, int UsageRecords, int AuditRows, string AdminEmail, string ManagerEmail, string PartnerEmail, TimeSpan Elapsed);

/// <summary>
/// Fills the database with realistic demo data at any scale: users (an admin, FastTrack managers with a few hundred
/// engagements each, partner staff), partner organisations, customers with seats per service and CSMs, and engagements
/// driven through the domain's own methods (checklists, task statuses, gate moves and overrides, usage series,
/// workload status codes, DIBS/SSAT, notes, success reviews and new cycles) with their audit rows. Everything goes
/// through <see cref="Engagement"/>, so the data obeys the playbook's rules. Inserts are batched, each batch in one
/// transaction on a cleared change tracker, so 100,000 engagements take minutes, not hours.
/// </summary>
public sealed class DemoDataGenerator(FastTrackDbContext db, UserManager<AppUser> users, TimeProvider clock)
{
    public const string DefaultPassword = "demo-password-2026";
    public const string EmailDomain = "demo.fasttrack.example";

    private static readonly string[] Industries =
        ["Retail", "Manufacturing", "Financial services", "Healthcare", "Public sector", "Education", "Energy", "Logistics", "Media", "Professional services"];

    /// <summary>Adds the demo data. Refuses a database that already has engagements unless <see cref="DemoDataOptions.Force"/>.</summary>
    public async Task<DemoDataSummary> GenerateAsync(DemoDataOptions options, IProgress<(int Done, int Total)>? progress = null, CancellationToken ct = default)
    {
        if (options.Engagements < 1) throw new ArgumentOutOfRangeException(nameof(options), "Ask for at least one engagement.");
        if (!options.Force && await db.Engagements.IgnoreQueryFilters().AnyAsync(ct))
            throw new InvalidOperationException("The database already holds engagements: demo data is only added to an empty one (use --force to add more anyway; nothing is deleted).");

        var watch = Stopwatch.StartNew();
        var faker = new Faker("en") { Random = new Randomizer(options.Seed) };
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var n = options.Engagements;
        var previousAutoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        try
        {
            var admin = await UserAsync("admin", "Demo Admin", Roles.Admin, null, options.Password);
            var managerCount = Math.Clamp(n / 250, 3, 400);
            var managers = new List<AppUser>();
            for (var i = 1; i <= managerCount; i++)
                managers.Add(await UserAsync($"fm{i}", faker.Name.FullName(), Roles.FastTrackManager, managers.FirstOrDefault(), options.Password));
            var partners = await PartnersAsync(faker, Math.Clamp(n / 1000, 3, 150), ct);
            var partnerUsers = 0;
            string? partnerEmail = null;
            // Each organisation's staff, in order: the first is assigned to most of its engagements, the second to some.
            var staff = new Dictionary<int, List<string>>();
            foreach (var p in partners)
            {
                staff[p.Id] = [];
                for (var k = 1; k <= 2; k++)
                {
                    var u = await UserAsync($"partner{p.Id}-{k}", faker.Name.FullName(), Roles.Partner, managers[0], options.Password, p.Id);
                    staff[p.Id].Add(u.Id);
                    partnerEmail ??= u.Email;
                    partnerUsers++;
                }
            }
            db.ChangeTracker.Clear();
            // Every entity below is built whole before it is added, so there is nothing for DetectChanges to find.
            db.ChangeTracker.AutoDetectChangesEnabled = false;

            var customerIds = await CustomersAsync(faker, Math.Max(2, n * 3 / 5), options.BatchSize * 2, ct);

            var totals = new Totals();
            progress?.Report((0, n));
            for (var done = 0; done < n; done += options.BatchSize)
            {
                var size = Math.Min(options.BatchSize, n - done);
                await BatchAsync(faker, size, customerIds, managers, partners, staff, today, totals, ct);
                progress?.Report((done + size, n));
            }
            // Fresh statistics for the query planner (both engines know ANALYZE): SQLite has none until asked.
            await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
            return new DemoDataSummary(n, customerIds.Count, managers.Count, partners.Count, partnerUsers, totals.Tasks, totals.Usage, totals.Audit,
                admin.Email!, managers[0].Email!, partnerEmail ?? "", watch.Elapsed);
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = previousAutoDetect;
        }
    }

    /// <summary>A demo user, or the existing one with that e-mail. The password is hashed once (210,000 PBKDF2 rounds) and shared.</summary>
    private async Task<AppUser> UserAsync(string name, string displayName, string role, AppUser? sharedHash, string password, int? organisation = null)
    {
        var email = $"{name}@{EmailDomain}";
        if (await users.FindByEmailAsync(email) is { } existing)
        {
            // A partner seeded before organisations were given: give it its organisation now.
            if (organisation is not null && existing.PartnerOrganisationId is null)
            {
                existing.PartnerOrganisationId = organisation;
                await users.UpdateAsync(existing);
            }
            return existing;
        }
        var user = new AppUser { UserName = email, Email = email, DisplayName = displayName, EmailConfirmed = true, CreatedAt = clock.GetUtcNow().UtcDateTime,
            PartnerOrganisationId = organisation,
            // A few demo users read Japanese or Chinese: their alert mails come in their language.
            Culture = name switch { "fm2" => "ja", "fm3" => "zh-Hans", "partner1-2" => "ja", _ => null } };
        user.PasswordHash = sharedHash?.PasswordHash ?? users.PasswordHasher.HashPassword(user, password);
        var created = await users.CreateAsync(user);
        if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        return user;
    }

    private async Task<List<PartnerOrganisation>> PartnersAsync(Faker f, int count, CancellationToken ct)
    {
        var existing = await db.PartnerOrganisations.IgnoreQueryFilters().AsTracking().ToListAsync(ct);
        var names = existing.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var list = new List<PartnerOrganisation>();
        for (var i = 0; list.Count < count && i < count * 20; i++)
        {
            var name = $"{f.Company.CompanyName()} {f.PickRandom("Partners", "Consulting", "Solutions", "Digital", "Services")}";
            var match = existing.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            if (match is not null) { if (!list.Contains(match)) list.Add(match); continue; }
            if (!names.Add(name) || name.Length > 200) continue;
            var p = new PartnerOrganisation(name);
            db.PartnerOrganisations.Add(p);
            list.Add(p);
        }
        await db.SaveChangesAsync(ct);
        return list;
    }

    private async Task<List<int>> CustomersAsync(Faker f, int count, int batch, CancellationToken ct)
    {
        var offset = await db.Customers.IgnoreQueryFilters().CountAsync(ct);
        var ids = new List<int>(count);
        for (var done = 0; done < count; done += batch)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var added = new List<Customer>();
            for (var i = done; i < Math.Min(count, done + batch); i++)
            {
                var company = f.Company.CompanyName();
                var slug = new string(company.ToLowerInvariant().Where(char.IsLetterOrDigit).Take(30).ToArray());
                var hasCsm = f.Random.Bool(0.45f);
                var csm = hasCsm ? f.Name.FullName() : null;
                var licences = (int)Math.Round(Math.Exp(f.Random.Double(Math.Log(150), Math.Log(80_000))));
                var services = f.PickRandom(ServiceNames.Seed, f.Random.Int(3, 8))
                    .Select(s => (s, Math.Max(1, (int)(licences * f.Random.Double(0.5, 1.0))))).ToList();
                var c = new Customer(company, $"{slug}{offset + i + 1}.onmicrosoft.com", f.PickRandom(Industries), f.Random.Bool(0.6f),
                    csm, hasCsm ? f.Internet.Email(csm!.Split(' ')[0], csm.Split(' ')[^1], "contoso-csm.example") : null,
                    f.Random.Bool(0.3f) ? f.Lorem.Sentence(12) : null, services);
                db.Customers.Add(c);
                added.Add(c);
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            ids.AddRange(added.Select(c => c.Id));
            db.ChangeTracker.Clear();
        }
        return ids;
    }

    private sealed class Totals
    {
        public int Tasks;
        public int Usage;
        public int Audit;
    }

    /// <summary>An audit row to write once the engagement has its id.</summary>
    private sealed record PendingAudit(Engagement Engagement, DateTimeOffset At, AppUser User, string Action, IReadOnlyList<FieldChange> Changes, string? Summary);

    private async Task BatchAsync(Faker f, int size, List<int> customerIds, List<AppUser> managers, List<PartnerOrganisation> partners,
        Dictionary<int, List<string>> staff, DateOnly today, Totals totals, CancellationToken ct)
    {
        var picks = Enumerable.Range(0, size).Select(_ => f.PickRandom(customerIds)).ToList();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var playbook = await EngagementStore.PlaybookAsync(db, ct);
        var wanted = picks.Distinct().ToList();
        var customers = await db.Customers.IgnoreQueryFilters().AsTracking().Include(c => c.Seats).Where(c => wanted.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var partnerIds = partners.Select(p => p.Id).ToList();
        var trackedPartners = await db.PartnerOrganisations.IgnoreQueryFilters().AsTracking().Where(p => partnerIds.Contains(p.Id)).ToListAsync(ct);
        var audit = new List<PendingAudit>();
        var engagements = new List<Engagement>(size);
        foreach (var customerId in picks)
        {
            var manager = f.PickRandom(managers);
            var partner = f.Random.Bool(0.55f) ? f.PickRandom(trackedPartners) : null;
            var e = new EngagementStory(f, customers[customerId], manager, partner, playbook, today, clock.GetUtcNow(), audit).Tell();
            engagements.Add(e);
            totals.Tasks += e.Tasks.Count;
            totals.Usage += e.UsageRecords.Count;
        }
        db.Engagements.AddRange(engagements);
        await db.SaveChangesAsync(ct);
        // The organisation's staff named on its engagements (as an FM does on /Engagements/{id}/Partners), so that a
        // partner signing in to the demo has engagements to work on.
        foreach (var e in engagements.Where(e => e.PartnerOrganisationId is int org && staff.ContainsKey(org)))
        {
            var people = staff[e.PartnerOrganisationId!.Value];
            for (var k = 0; k < people.Count; k++)
                if (f.Random.Bool(k == 0 ? 0.8f : 0.4f))
                    db.EngagementPartnerAssignments.Add(new EngagementPartnerAssignment(e.Id, people[k], "seed-demo", clock.GetUtcNow()));
        }
        await db.SaveChangesAsync(ct);
        foreach (var a in audit)
            db.AuditEntries.Add(new AuditEntry(a.At, a.User.Id, a.User.UserName!, a.Action, AuditEntities.Engagement,
                a.Engagement.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Changes, a.Summary));
        totals.Audit += audit.Count;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// One engagement's life from its assigned date to today, acted out through the domain: tasks worked, gates
    /// passed (now and then overridden), usage recorded, workload status codes, DIBS/SSAT, notes, success review.
    /// </summary>
    private sealed class EngagementStory(Faker f, Customer customer, AppUser manager, PartnerOrganisation? partner, Playbook playbook,
        DateOnly today, DateTimeOffset now, List<PendingAudit> audit)
    {
        private Engagement _e = null!;
        private DateTimeOffset _at;
        private string By => manager.UserName!;

        public Engagement Tell()
        {
            var seated = customer.Seats.Where(s => s.Seats > 0).Select(s => s.Service).ToList();
            var services = f.PickRandom(seated, f.Random.Int(1, Math.Min(4, seated.Count))).ToList();
            var motion = f.Random.WeightedRandom([EngagementMotion.CustomerHealth, EngagementMotion.Rfa, EngagementMotion.Targeting], [0.45f, 0.35f, 0.2f]);
            var age = (int)Math.Round(Math.Pow(f.Random.Double(), 1.6) * 720);
            var assigned = today.AddDays(-age);
            var start = f.Random.Bool(0.7f) ? assigned.AddDays(f.Random.Int(0, 10)) : (DateOnly?)null;
            var dates = new EngagementDates(assigned, start, f.Random.Bool(0.6f) ? assigned.AddDays(f.Random.Int(45, 120)) : null,
                f.Random.Bool(0.5f) ? assigned.AddDays(f.Random.Int(120, 240)) : null);
            _at = new DateTimeOffset(assigned.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero).AddMinutes(f.Random.Int(0, 600));
            _e = Engagement.Start(customer, manager.Id, partner, motion, services, dates, playbook);
            Record("EngagementCreated",
            [
                new FieldChange("Customer", null, customer.Name),
                new FieldChange("Motion", null, EngagementVocabulary.MotionName(motion)),
                new FieldChange("Services", null, string.Join(", ", _e.ServiceNames)),
                new FieldChange("Partner", null, partner?.Name),
                new FieldChange("Phase", null, _e.CurrentPhase.NameEn),
                new FieldChange("Tasks", null, string.Join(", ", _e.Tasks.Select(t => t.FtopId))),
            ]);

            // How far it got: younger engagements are earlier in the playbook; some stall anywhere.
            var steps = playbook.Processes.Count();
            var reach = Math.Min(steps + 1, (int)(age / f.Random.Double(20, 60)));
            if (f.Random.Bool(0.2f)) reach = f.Random.Int(0, reach);
            for (var step = 0; step < reach && _e.State == EngagementState.Active; step++)
            {
                if (!Advance(minDays: 3, maxDays: 25)) break;
                WorkCurrentTasks(finish: true);
                if (_e.CurrentPhase.Order >= 2 && _e.UsageRecords.Count == 0) RecordUsage(rising: true);
                if (f.Random.Bool(0.25f)) SetWorkload();
                if (f.Random.Bool(0.2f)) AddNote();
                if (_e.NextStep(playbook) is { } next) Move(next);
                else CompleteReview();
            }
            if (_e.State == EngagementState.Active)
            {
                WorkCurrentTasks(finish: false);
                if (f.Random.Bool(0.6f) && Advance(1, 10)) RecordUsage(rising: f.Random.Bool(0.7f));
                if (f.Random.Bool(0.35f)) SetWorkload();
                if (f.Random.Bool(0.3f)) SavePlan();
                for (var i = f.Random.Int(0, 2); i > 0; i--) AddNote();
                // The clocks and forecasts have something to show: committed targets (some already missed or out of the
                // forecast's reach), customer contacts (some long ago), and now and then a workload blocked with no note since.
                if (f.Random.Bool(0.45f)) SetTarget();
                if (f.Random.Bool(0.75f)) RecordContact();
                if (f.Random.Bool(0.08f)) SetWorkload(WorkloadStatusCodes.Blocked);
            }
            return _e;
        }

        /// <summary>Moves the story's clock on; false once it would pass the present.</summary>
        private bool Advance(int minDays, int maxDays)
        {
            var next = _at.AddDays(f.Random.Int(minDays, maxDays)).AddMinutes(f.Random.Int(0, 480));
            if (next > now) return false;
            _at = next;
            return true;
        }

        private DateOnly Today => DateOnly.FromDateTime(_at.UtcDateTime);

        private void Record(string action, IReadOnlyList<FieldChange> changes, string? summary = null)
        {
            if (changes.Count > 0) audit.Add(new PendingAudit(_e, _at, manager, action, changes, summary));
        }

        private void SetTask(EngagementTask t, EngagementTaskStatus status, string? reason = null, string? note = null)
        {
            _at = Min(_at.AddHours(f.Random.Int(1, 30)));
            Record("TaskStatusChanged", _e.SetTaskStatus(t, status, reason, note, By, _at), $"{t.FtopId} {t.Task.NameEn}");
        }

        private DateTimeOffset Min(DateTimeOffset t) => t > now ? now : t;

        /// <summary>Works the tasks of the current step: all mandatory ones when finishing (now and then left open for an override).</summary>
        private void WorkCurrentTasks(bool finish)
        {
            var open = _e.Tasks.Where(t => t.Cycle == _e.Cycle && t.ProcessId == _e.CurrentProcessId && !PhaseGate.Passes(t.Status)
                && t.FtopId != PlaybookNames.SuccessReviewTask).ToList();
            foreach (var t in open)
            {
                if (finish && t.Mandatory && f.Random.Bool(0.93f))
                {
                    if (f.Random.Bool(0.3f)) SetTask(t, EngagementTaskStatus.InProgress);
                    if (f.Random.Bool(0.05f)) SetTask(t, EngagementTaskStatus.NotApplicable, f.PickRandom("Covered by the partner's own kickoff.", "The customer already runs this workload.", "Not in scope for this tenant."));
                    else SetTask(t, EngagementTaskStatus.Completed, note: f.Random.Bool(0.3f) ? f.Lorem.Sentence(8) : null);
                    continue;
                }
                var roll = f.Random.Double();
                if (roll < 0.35) SetTask(t, EngagementTaskStatus.Completed, note: f.Random.Bool(0.2f) ? f.Lorem.Sentence(6) : null);
                else if (roll < 0.55) SetTask(t, EngagementTaskStatus.InProgress);
                else if (roll < 0.6) SetTask(t, EngagementTaskStatus.Blocked, f.PickRandom("Waiting for the customer's licences.", "Customer contact on leave.", "Tenant migration pending."));
                else if (roll < 0.65) SetTask(t, EngagementTaskStatus.NotApplicable, "Not needed for this customer.");
            }
        }

        private void Move(Process next)
        {
            if (next.NameEn == PlaybookNames.ConductSuccessReview)
            {
                RecordUsage(rising: true);
                if (f.Random.Bool(0.2f)) SavePlan(criterionMet: true);
            }
            var blockers = PhaseGate.Blockers(_e.Tasks, _e.Cycle, _e.CurrentPhaseId, next.PhaseId == _e.CurrentPhaseId ? _e.CurrentProcessId : null);
            var gaps = next.NameEn == PlaybookNames.ConductSuccessReview ? SuccessReviewEntry.Gaps(_e.Services, s => customer.SeatsFor(s) ?? 0) : [];
            var reason = blockers.Count > 0 || gaps.Count > 0
                ? f.PickRandom("Customer asked to start the next phase in parallel.", "Task done outside the tool; evidence in the notes.", "Agreed with the FastTrack lead.")
                : null;
            var result = _e.MoveTo(next.Id, playbook, reason, By, _at);
            if (result is null) return;
            if (result.Override is { } o)
                Record("GateOverridden", [new FieldChange("Open", null, o.Blockers), new FieldChange("Reason", null, o.Reason)], $"{result.From} → {result.To}");
            Record("PhaseMoved", [new FieldChange("Step", result.From, result.To)]);
        }

        private void CompleteReview()
        {
            var review = _e.Tasks.FirstOrDefault(t => t.Cycle == _e.Cycle && t.FtopId == PlaybookNames.SuccessReviewTask);
            if (review is null || PhaseGate.Blockers(_e.Tasks, _e.Cycle, _e.CurrentPhaseId, _e.CurrentProcessId).Any(t => t != review)) return;
            var others = customer.Seats.Where(s => s.Seats > 0 && !_e.ServiceNames.Contains(s.Service)).Select(s => s.Service).ToList();
            var outcome = f.Random.WeightedRandom(
                [SuccessReviewOutcome.ContinueBusinessValueDiscussions, SuccessReviewOutcome.EnableAdditionalWorkloads, SuccessReviewOutcome.HandToCsm, SuccessReviewOutcome.Disengage],
                [0.3f, 0.25f, 0.35f, 0.1f]);
            if (outcome == SuccessReviewOutcome.EnableAdditionalWorkloads && (others.Count == 0 || _e.Cycle >= 3)) outcome = SuccessReviewOutcome.HandToCsm;
            // Ongoing adoption is handed only to a CSM the customer has.
            if (outcome == SuccessReviewOutcome.HandToCsm && !customer.HasCsm) outcome = SuccessReviewOutcome.ContinueBusinessValueDiscussions;
            var added = outcome == SuccessReviewOutcome.EnableAdditionalWorkloads ? f.PickRandom(others, f.Random.Int(1, Math.Min(2, others.Count))).ToList() : [];
            var changes = _e.CompleteSuccessReview(outcome, f.Random.Bool(0.5f) ? f.Lorem.Sentence(10) : null, added, playbook, By, _at, Today);
            Record("SuccessReviewCompleted", changes, EngagementVocabulary.OutcomeName(outcome));
        }

        /// <summary>A usage series per service since the last record (or the assigned date), weekly-ish, mostly rising.</summary>
        private void RecordUsage(bool rising)
        {
            foreach (var s in _e.Services)
            {
                var seats = customer.SeatsFor(s.Service) ?? 0;
                if (seats <= 0) continue;
                var from = s.LatestUsageOn?.AddDays(1) ?? _e.AssignedOn;
                var points = f.Random.Int(2, 5);
                var last = s.LatestActiveUsers ?? (int)(seats * f.Random.Double(0, 0.04));
                var goal = rising ? (int)Math.Ceiling(seats * f.Random.Double(0.1, 0.6)) : (int)(seats * f.Random.Double(0.01, 0.09));
                for (var i = 1; i <= points; i++)
                {
                    var on = from.AddDays((Today.DayNumber - from.DayNumber) * i / points);
                    if (on < from || on > Today) continue;
                    last = Math.Clamp(last + (goal - last) * i / points + f.Random.Int(-seats / 200, seats / 200), 0, seats);
                    if (i == points && rising) last = Math.Max(last, (int)Math.Ceiling(seats / 10.0));
                    var r = _e.RecordUsage(s.Service, on, last, By, _at, Today);
                    // One audit row per series keeps the timeline readable (and the seed fast); the records keep every point.
                    if (i == points) Record("UsageRecorded", [new FieldChange("Active users", null, $"{r.ActiveUsers}/{r.Seats}")], $"{s.Service} {on:yyyy-MM-dd}");
                }
                // As RecordUsage's handler does: the stored forecast through the service's latest points.
                _e.RefreshForecast(s.Service, _e.UsageRecords.Where(u => u.Service == s.Service).Select(u => (u.On, u.Percent)), UsageForecast.DefaultWindow);
            }
        }

        /// <summary>The FM commits a service still under the goal to a target date: between a month ago and three months on.</summary>
        private void SetTarget()
        {
            var under = _e.Services.Where(s => !Clocks.GoalMet(s)).ToList();
            if (under.Count == 0) return;
            var s = f.PickRandom(under);
            var target = today.AddDays(f.Random.Int(-30, 90));
            if (target < _e.AssignedOn) target = _e.AssignedOn;
            var reason = f.PickRandom("Agreed with the customer's success owner.", "The rollout wave moved.", "Licences arrive in the next quarter.", "Champions programme starts then.");
            Record("ServiceTargetSet", _e.SetServiceTarget(s.Service, target, reason, today), s.Service);
        }

        /// <summary>The last time the customer answered: within the last two months, never before the assigned date.</summary>
        private void RecordContact()
        {
            var on = today.AddDays(-f.Random.Int(0, 60));
            if (on < _e.AssignedOn) on = _e.AssignedOn;
            Record("CustomerContactRecorded", _e.RecordCustomerContact(on, today));
        }

        private void SetWorkload(string? level1 = null)
        {
            var s = f.PickRandom(_e.Services);
            var code = f.PickRandom(WorkloadStatusCodes.All.Where(c => level1 is null || c.L1 == level1).ToList());
            var target = code.L1 == WorkloadStatusCodes.InProgress || f.Random.Bool(0.2f) ? Today.AddDays(f.Random.Int(7, 90)) : (DateOnly?)null;
            var note = code.L1 == WorkloadStatusCodes.Blocked || f.Random.Bool(0.3f) ? f.Lorem.Sentence(10) : null;
            var r = _e.SetWorkloadStatus(s.Service, code.L1, code.L2, code.L3, target, note, By, _at);
            Record("WorkloadStatusSet", [new FieldChange("Workload status", null, r.Text)], s.Service);
        }

        private void SavePlan(bool criterionMet = false)
        {
            var s = f.PickRandom(_e.Services);
            var ssat = () => f.PickRandom<SsatStatus>();
            var criterion = criterionMet || f.Random.Bool(0.2f) ? $"{f.Random.Int(50, 400)} champions trained on {s.Service}" : null;
            var plan = new ServicePlan(Today.AddDays(f.Random.Int(0, 30)), f.Lorem.Sentence(8), f.PickRandom(EngagementVocabulary.BusinessReasons),
                f.Name.FullName(), ssat(), null, ssat(), null, ssat(), f.Random.Bool(0.2f) ? f.Lorem.Sentence(5) : null, ssat(), null,
                criterion, criterion is not null && (criterionMet || f.Random.Bool(0.5f)));
            Record("ServicePlanSaved", _e.SaveServicePlan(s.Service, plan), s.Service);
        }

        private void AddNote()
        {
            var service = f.Random.Bool(0.4f) ? f.PickRandom(_e.Services).Service : null;
            var note = _e.AddNote(service, f.Rant.Review(f.PickRandom(_e.ServiceNames.ToArray())), By, _at);
            Record("NoteAdded", [new FieldChange("Note", null, note.Text)], note.Service);
        }
    }
}
