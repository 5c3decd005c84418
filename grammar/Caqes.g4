// The CAQES rules language: declarations of a contract, its input tables, parameters, indicators and tests.
// This grammar only recognises the text; interpreter/syntax turns the parse tree into the project's own AST,
// and every meaning (names, types, units, periods) is decided later by the checker.
grammar Caqes;

file_
    : item* EOF
    ;

item
    : importDecl
    | contractDecl
    | tableDecl
    | parameterDecl
    | indicatorDecl
    | testDecl
    | removal
    | referencesDecl
    ;

// In the file of national references that `caqes références` writes: the contract and the years its figures are
// for, checked against the contract that reads them. références_nationales caqes_2022 pour 2019;
referencesDecl
    : REFERENCES_NATIONALES contract=ident POUR years+=NUMBER (',' years+=NUMBER)* ';'
    ;

// In a contract that extends another (étend "../caqes-2021";): retire indicateur iec_ara2;
removal
    : RETIRE kind=(INDICATEUR | PARAMETRE | TABLE | TEST) (ident | STRING) ';'
    ;

importDecl
    : IMPORTE STRING ';'
    ;

// contrat caqes_2022 "CAQES Occitanie 2022-2024" { années 2022..2024; référence "..."; établissements etab; }
contractDecl
    : CONTRAT name=ident label=STRING? '{' contractItem* '}'
    ;

contractItem
    : key=ident first=NUMBER '..' last=NUMBER ';'    # contractYears
    | key=ident metaValue (',' metaValue)* ';'      # contractMeta
    ;

metaValue
    : STRING
    | ident
    | NUMBER
    | ABSENT
    | VRAI
    | FAUX
    ;

// table transport "Transports prescrits" par établissement et année { amb: monnaie "Montant ambulance"; }
tableDecl
    : REMPLACE? TABLE name=ident label=STRING? PAR keyWords+=ident (ET keyWords+=ident)? '{' columnDecl* '}'
    ;

columnDecl
    : name=ident ':' type=ident label=STRING? ';'
    ;

// paramètre seuil_amb "Seuil de dépense ambulance" : monnaie = 400 000 €;
parameterDecl
    : REMPLACE? PARAMETRE name=ident label=STRING? (':' type=ident)? (POUR first=NUMBER ('..' last=NUMBER)?)? '=' expr ';'
    ;

indicatorDecl
    : change=(REMPLACE | MODIFIE)? INDICATEUR name=ident label=STRING? '{' indicatorItem* '}'
    ;

indicatorItem
    : SOIT? name=ident label=STRING? '=' expr ';'   # binding
    | key=ident metaValue (',' metaValue)* ';'     # indicatorMeta
    ;

testDecl
    : TEST label=STRING '{' testItem* '}'
    ;

testItem
    : key=ident metaValue ';'                            # testMeta
    | table=ident (('×' | '*') times=NUMBER)? ':' fieldValue (',' fieldValue)* ';'   # testRow
    | ATTENDU entity=STRING? ':' expr ';'                # testExpectation
    ;

fieldValue
    : column=ident '=' expr
    ;

// Precedence, highest first: postfix period and member access, unary minus, × /, + −, comparisons,
// membership, non, et, ou, si … alors … sinon.
expr
    : primary                                                    # primaryExpr
    | expr '[' period ']'                                        # periodExpr
    | expr '.' ident                                             # memberExpr
    | op=('-' | '−') expr                                        # negateExpr
    | expr op=('×' | '*' | '/' | '÷') expr                       # multiplyExpr
    | expr op=('+' | '-' | '−') expr                             # addExpr
    | expr op=('=' | '≠' | '!=' | '<>' | '<' | '<=' | '≤' | '>' | '>=' | '≥' | '≈') expr   # compareExpr
    | expr negated=NON? DANS expr                                # inExpr
    | NON expr                                                   # notExpr
    | expr ET expr                                               # andExpr
    | expr OU expr                                               # orExpr
    | SI expr ALORS expr SINON expr                              # ifExpr
    ;

primary
    : number                                                     # numberLiteral
    | STRING                                                     # stringLiteral
    | DATE                                                       # dateLiteral
    | (VRAI | FAUX)                                              # booleanLiteral
    | ABSENT                                                     # absentLiteral
    | ident '(' (argument (',' argument)*)? ')'                  # callExpr
    | ident                                                      # nameExpr
    | YEAR_N                                                     # yearExpr
    | '(' expr ')'                                               # parenExpr
    | '[' (expr (',' expr)*)? ']'                                # listExpr
    | SELON expr '{' selonArm+ (AUTRE ':' otherwise=expr ';'?)? '}'   # selonExpr
    ;

selonArm
    : keys+=expr (',' keys+=expr)* ':' result=expr ';'
    ;

// An argument of a call: `x`, `montant de phev où classe = "IPP"`, `x par catégorie`, `séjours[2019] où durée >= 3`.
argument
    : value=expr (DE source=expr)? (PAR group=expr)? (OU_WHERE filter=expr)?
    ;

period
    : YEAR_N (op=('+' | '-' | '−') offset=NUMBER)?
    | year=NUMBER
    ;

number
    : NUMBER unit=('€' | '%')?
    ;

// Contextual words (volet, niveau, année, établissement, valeur ...) are identifiers, so that they stay free for
// column and binding names; only the words below are reserved.
ident
    : IDENT
    ;

IMPORTE     : 'importe' ;
RETIRE      : 'retire' ;
REMPLACE    : 'remplace' ;
MODIFIE     : 'modifie' ;
POUR        : 'pour' ;
CONTRAT     : 'contrat' ;
TABLE       : 'table' ;
PARAMETRE   : 'paramètre' ;
INDICATEUR  : 'indicateur' ;
TEST        : 'test' ;
ATTENDU     : 'attendu' ;
SOIT        : 'soit' ;
PAR         : 'par' ;
DE          : 'de' ;
OU_WHERE    : 'où' ;
ET          : 'et' ;
OU          : 'ou' ;
NON         : 'non' ;
DANS        : 'dans' ;
SI          : 'si' ;
ALORS       : 'alors' ;
SINON       : 'sinon' ;
SELON       : 'selon' ;
AUTRE       : 'autre' ;
VRAI        : 'vrai' ;
FAUX        : 'faux' ;
ABSENT      : 'absent' ;
YEAR_N      : 'N' ;
REFERENCES_NATIONALES : 'références_nationales' ;

DATE
    : [0-9] [0-9] [0-9] [0-9] '-' [0-9] [0-9] '-' [0-9] [0-9]
    ;

// 20 000, 7,5, 98,50, 1 234 567,25: groups of three digits separated by a space (or a no-break space),
// a decimal comma. A decimal point is not a number: it is reported by the parser with a hint.
NUMBER
    : [0-9]+ ([ \u00A0\u202F] [0-9] [0-9] [0-9])* (',' [0-9]+)?
    ;

POINT_DECIMAL
    : [0-9]+ '.' [0-9]+
    ;

IDENT
    : [\p{L}_] [\p{L}\p{N}_]*
    ;

STRING
    : '"' (~["\\\r\n] | '\\' .)* '"'
    ;

LINE_COMMENT
    : ('//' | '#') ~[\r\n]* -> channel(HIDDEN)
    ;

BLOCK_COMMENT
    : '/*' .*? '*/' -> channel(HIDDEN)
    ;

WS
    : [ \t\r\n\u00A0\u202F]+ -> channel(HIDDEN)
    ;

// Anything else becomes one token the parser cannot use, so that the error points at it.
UNKNOWN_CHAR
    : .
    ;
