//! The exports: well-formed frab XML and c3voc JSON with every placed event.

use agora_programme::export::{Meta, frab_xml, schedule_json};
use agora_programme::{Indexed, solve, synthetic};
use quick_xml::Reader;
use quick_xml::events::Event;

fn timetable() -> (agora_programme::Instance, Vec<agora_programme::Placement>) {
    let call = synthetic::call(2, 80, 4);
    let ids: Vec<String> = call
        .proposals
        .iter()
        .take(30)
        .map(|p| p.id.clone())
        .collect();
    let mut inst = synthetic::instance(&call, &ids, 4, 2, 6, 2);
    inst.sessions[0].title = "Rights & <wrongs> \"online\"".into();
    inst.options.iterations = 2_000;
    let t = solve(&inst).unwrap();
    (inst, t.placements)
}

const META: Meta = Meta {
    acronym: "IGF2026",
    version: "1.0",
    base_url: "https://example.org/igf2026/",
};

#[test]
fn frab_xml_is_well_formed_and_has_every_event() {
    let (inst, placements) = timetable();
    let ix = Indexed::new(&inst).unwrap();
    let xml = frab_xml(&ix, &placements, &META);
    let mut reader = Reader::from_str(&xml);
    let (mut events, mut days) = (0, 0);
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) if e.name().0 == "event" => events += 1,
            Event::Start(e) if e.name().0 == "day" => days += 1,
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(events, placements.len());
    assert_eq!(days, inst.days.len());
    assert!(xml.contains("Rights &amp; &lt;wrongs&gt; &quot;online&quot;"));
    assert!(xml.contains("<time_zone_name>Etc/GMT-1</time_zone_name>"));
    // As pretalx writes it: base_url inside <conference>, before the days.
    let conference = &xml[xml.find("<conference>").unwrap()..xml.find("</conference>").unwrap()];
    assert!(conference.contains("<base_url>https://example.org/igf2026/</base_url>"));
}

#[test]
fn schedule_json_has_every_event_at_its_time() {
    let (inst, placements) = timetable();
    let ix = Indexed::new(&inst).unwrap();
    let doc: serde_json::Value =
        serde_json::from_str(&schedule_json(&ix, &placements, &META)).unwrap();
    let conference = &doc["schedule"]["conference"];
    assert_eq!(conference["daysCount"], 2);
    let days = conference["days"].as_array().unwrap();
    let events: Vec<&serde_json::Value> = days
        .iter()
        .flat_map(|d| d["rooms"].as_object().unwrap().values())
        .flat_map(|v| v.as_array().unwrap())
        .collect();
    assert_eq!(events.len(), placements.len());
    for p in &placements {
        let slot = inst.slots.iter().find(|s| s.id == p.slot).unwrap();
        let session = inst.sessions.iter().find(|s| s.id == p.session).unwrap();
        let e = events
            .iter()
            .find(|e| e["title"] == session.title.as_str())
            .unwrap();
        assert_eq!(e["start"], slot.start.as_str());
        assert_eq!(
            e["date"],
            format!("{}T{}:00+01:00", inst.days[slot.day], slot.start).as_str()
        );
        assert_eq!(e["persons"].as_array().unwrap().len(), session.people.len());
    }
    let guids: std::collections::BTreeSet<&str> =
        events.iter().map(|e| e["guid"].as_str().unwrap()).collect();
    assert_eq!(guids.len(), events.len());
}
