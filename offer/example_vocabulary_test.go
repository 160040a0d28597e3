package offer_test

import (
	"fmt"
	"strings"

	"github.com/babillard/babillard/offer"
)

// The codes an offer's coded fields accept by default, with their French and
// English labels (docs/RULES.md O-6 and O-7). A board replaces the lists with
// Options.Vocabulary.
func ExampleDefaultVocabulary() {
	v := offer.DefaultVocabulary()
	lists := []struct {
		field string
		terms []offer.Term
	}{
		{"function_type", v.FunctionTypes},
		{"employment_type", v.EmploymentTypes},
		{"position_status", v.PositionStatuses},
	}
	for _, l := range lists {
		fmt.Println(l.field + ":")
		for _, t := range l.terms {
			fmt.Printf("  %-18s %s / %s\n", t.Code, t.Label.FR, t.Label.EN)
		}
	}
	fmt.Println("work_arrangement:", offer.OnSite, offer.Hybrid, offer.Remote)
	fmt.Println("profile:", offer.Engineer, offer.CPI)
	fmt.Printf("domains (%d, code → NOC 2021 unit group):\n", len(v.Domains))
	for _, d := range v.Domains {
		fmt.Printf("  %-24s %s  %s / %s\n", d.Code, d.NOC, d.Label.FR, d.Label.EN)
	}
	// Output:
	// function_type:
	//   design             Conception et ingénierie / Design and engineering
	//   project_management Gestion de projets / Project management
	//   management         Gestion et direction / Management
	//   consulting         Services-conseils / Consulting
	//   research           Recherche et développement / Research and development
	//   operations         Exploitation, production et maintenance / Operations, production and maintenance
	//   quality            Qualité, conformité et inspection / Quality, compliance and inspection
	//   sales              Ventes et soutien technique / Technical sales and support
	//   teaching           Enseignement et formation / Teaching and training
	//   other              Autre / Other
	// employment_type:
	//   permanent          Permanent / Permanent
	//   temporary          Temporaire / Temporary
	//   contract           Contractuel / Contract
	//   internship         Stage / Internship
	// position_status:
	//   full_time          Temps plein / Full time
	//   part_time          Temps partiel / Part time
	// work_arrangement: on_site hybrid remote
	// profile: engineer cpi
	// domains (42, code → NOC 2021 unit group):
	//   civil                    21300  Génie civil / Civil engineering
	//   structural               21300  Génie des structures / Structural engineering
	//   environmental            21300  Génie de l'environnement / Environmental engineering
	//   transportation           21300  Génie des transports / Transportation engineering
	//   water_resources          21300  Génie des eaux / hydraulique / Water resources / hydraulic engineering
	//   municipal                21300  Génie municipal / Municipal engineering
	//   geomatics                21300  Génie géomatique / Geomatics engineering
	//   mechanical               21301  Génie mécanique / Mechanical engineering
	//   building_systems         21301  Génie du bâtiment / CVC / Building systems / HVAC engineering
	//   thermal                  21301  Génie thermique / Thermal engineering
	//   nuclear                  21301  Génie nucléaire / Nuclear engineering
	//   robotics                 21301  Génie robotique / Robotics engineering
	//   acoustics                21301  Génie acoustique / Acoustical engineering
	//   electrical               21310  Génie électrique / Electrical engineering
	//   electronics              21310  Génie électronique / Electronics engineering
	//   instrumentation_control  21310  Génie de l'instrumentation et du contrôle / Instrumentation and control engineering
	//   avionics                 21310  Génie avionique / Avionics engineering
	//   computer                 21311  Génie informatique (matériel) / Computer engineering (hardware)
	//   telecommunications       21311  Génie des télécommunications / Telecommunications engineering
	//   software                 21231  Génie logiciel / Software engineering
	//   automation               21231  Génie de l'automatisation / Automation engineering
	//   chemical                 21320  Génie chimique / Chemical engineering
	//   process                  21320  Génie des procédés / Process engineering
	//   polymer                  21320  Génie des polymères / Polymer engineering
	//   pulp_paper               21320  Génie des pâtes et papiers / Pulp and paper engineering
	//   industrial               21321  Génie industriel / Industrial engineering
	//   manufacturing            21321  Génie de la fabrication / Manufacturing engineering
	//   metallurgical            21322  Génie métallurgique / Metallurgical engineering
	//   materials                21322  Génie des matériaux / Materials engineering
	//   mining                   21330  Génie minier / génie des mines / Mining engineering
	//   mineral_processing       21330  Génie minéral (traitement des minerais) / Mineral processing engineering
	//   geological               21331  Génie géologique / Geological engineering
	//   geotechnical             21331  Génie géotechnique / Geotechnical engineering
	//   petroleum                21332  Génie pétrolier / Petroleum engineering
	//   aerospace                21390  Génie aérospatial / Aerospace engineering
	//   agricultural             21399  Génie agricole / des bioressources / Agricultural / bioresource engineering
	//   biomedical               21399  Génie biomédical / Biomedical engineering
	//   engineering_physics      21399  Génie physique / Engineering physics
	//   naval                    21399  Génie naval / architecture navale / Naval architecture / marine engineering
	//   food                     21399  Génie alimentaire / Food engineering
	//   textile                  21399  Génie textile / Textile engineering
	//   forest                   21111  Génie forestier / Forest engineering
}

// The three sections every description must announce, and the headings and
// labels accepted for each, folded (lower case, no accents, punctuation as
// spaces; docs/RULES.md D-1 and D-2). A heading or label announces a section
// when it contains one of them as whole words ("Vos principales tâches" is
// duties); the generic single words (sommaire, poste, profil, formation,
// summary, position, profile, skills…) count only as the whole label.
func ExampleRequiredSections() {
	for _, s := range offer.RequiredSections() {
		l := s.Label()
		fmt.Printf("%s: %s / %s\n", s, l.FR, l.EN)
		line := " "
		for _, syn := range s.Synonyms() {
			if len(line)+len(syn) > 90 {
				fmt.Println(strings.TrimRight(line, " "))
				line = " "
			}
			line += " " + syn + ","
		}
		fmt.Println(strings.TrimSuffix(line, ","))
	}
	// Output:
	// purpose: Raison d'être du poste / Purpose of the position
	//   raison d etre, mandat, sommaire du poste, sommaire de l emploi, description du poste,
	//   description de poste, description de l emploi, objectif du poste, objectifs du poste,
	//   but du poste, nature du poste, mission du poste, apercu du poste, presentation du poste,
	//   resume du poste, a propos du poste, sommaire, resume, objectif, poste, purpose,
	//   position summary, job summary, role summary, summary of the position, summary of the role,
	//   position overview, job overview, role overview, overview of the role,
	//   overview of the position, about the role, about the position, about the job,
	//   job description, position description, position objective, objective of the position,
	//   summary, overview, objective, the opportunity, position
	// duties: Principales tâches et responsabilités / Main duties and responsibilities
	//   taches, responsabilites, fonctions, attributions, mandats, defis, activites principales,
	//   principales activites, ce que vous ferez, au quotidien, votre quotidien, duties,
	//   responsibilities, accountabilities, tasks, main activities, key activities,
	//   what you will do, what you ll do, what you will be doing, what you ll be doing,
	//   day to day
	// qualifications: Qualifications requises / Required qualifications
	//   qualifications, qualification requise, exigences, exigence, profil recherche,
	//   profil requis, profil souhaite, votre profil, competences, prerequis,
	//   formation et experience, scolarite et experience, experience et formation,
	//   criteres d embauche, ce que nous recherchons, ce que vous apportez, profil, formation,
	//   requirements, requirement, required skills, skills and experience,
	//   education and experience, experience and education, prerequisites, what you bring,
	//   what we are looking for, what we re looking for, who you are, your profile, must have,
	//   profile, skills
}
