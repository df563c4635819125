m="aspirin" 2:0 2:0|| do="81 mg" 2:1 2:2|| mo="nm"|| f="daily" 2:3 2:3|| du="nm"|| r="nm"|| ln="list"
m="lisinopril" 2:5 2:5|| do="10 mg" 2:6 2:7|| mo="nm"|| f="daily" 2:8 2:8||| du="for two weeks" 2:9 2:11|| r="nm"|| ln="list"
m="heparin" 3:1 3:1|| do="nm"|| mo="nm"|| f="before the procedure...after" 3:2 3:4 3:7 3:7|| du="nm"|| r="nm"|| ln="narrative"
m="heparin" 3:1 3:1|| do="nm"|| mo="nm"|| f="after" 3:7 3:12|| du="nm"|| r="nm"|| ln="narrative"
